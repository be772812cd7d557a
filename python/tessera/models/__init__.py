"""PyTorch definitions of the research modules Tessera has operators for,
written from the papers (our own code), each registered with the importer
(``tessera.register_module``) so that it becomes one ``tessera`` op:

- ``SpectralConv2d`` (corners, the original FNO code) and
  ``SpectralConvCentered2d`` (centered, neuraloperator): spectral_conv;
  ``FNO2d`` is the Darcy FNO-2D built from them (Li et al.)
- ``PConv``: partial_conv2d; ``fasternet_t0`` builds FasterNet-T0
  (Chen et al.)
- ``KroneckerAttention`` (kv / qkv): kronecker_attention (Gao, Wang, Ji)
- ``PAU`` (safe / abs / unsafe): pau (Molina et al.)
- ``QuadraticLinear``, ``QuadraticConv2d``: quadratic_linear /
  quadratic_conv2d (Fan et al.; QuadraLib)
- ``QuantLinear``: hadamard + quantize (i4 / i8) + qmatmul (Xi et al.)

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
