"""Shared helpers of the Python package's tests."""

import numpy as np
import pytest


def assert_close(actual, expected, tol=1e-4):
    """Equal within `tol`, relative to the reference's magnitude."""
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    scale = max(1.0, float(np.abs(expected).max()))
    err = float(np.abs(actual - expected).max())
    assert err <= tol * scale, "max abs error %g > %g" % (err, tol * scale)


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
