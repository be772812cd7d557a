"""Helpers of the model converters."""


def numpy(tensor):
    """A parameter or buffer as a numpy array (detached, on the CPU)."""
    return tensor.detach().cpu().contiguous().numpy()
