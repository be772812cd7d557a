"""PyTorch definitions of the research modules Tessera has operators for,
written from the papers (our own code), each registered with the importer
(``tessera.register_module``) so that it becomes one ``tessera`` op:

| module | op | paper |
|---|---|---|
| ``SpectralConv2d``, ``SpectralConvCentered2d`` | spectral_conv (corners / centered) | FNO (Li et al.), neuraloperator |
| ``PConv`` (and ``fasternet_t0``) | partial_conv2d | FasterNet (Chen et al.) |
| ``KroneckerAttention`` | kronecker_attention (kv / qkv) | KAN (Gao, Wang, Ji) |
| ``PAU`` | pau (safe / abs / unsafe) | Molina et al. |
| ``QuadraticLinear``, ``QuadraticConv2d`` | quadratic_linear / _conv2d | Fan et al.; QuadraLib |
| ``QuantLinear`` | hadamard + quantize + qmatmul | Xi et al. (INT4 training) |

Importing this package imports torch.
"""

from .fno import FNO2d, SpectralConv2d, SpectralConvCentered2d
from .fasternet import FasterNet, MLPBlock, PConv, fasternet_t0
from .kronecker import KroneckerAttention
from .pau import PAU
from .quadratic import QuadraticConv2d, QuadraticLinear
from .quant import QuantLinear, hadamard

__all__ = ["FNO2d", "FasterNet", "KroneckerAttention", "MLPBlock", "PAU",
           "PConv", "QuadraticConv2d", "QuadraticLinear", "QuantLinear",
           "SpectralConv2d", "SpectralConvCentered2d", "fasternet_t0",
           "hadamard"]
