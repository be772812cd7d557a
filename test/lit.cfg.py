# -*- Python -*-
# lit configuration of Tessera's regression tests.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "TESSERA"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tessera_obj_root, "test")
config.excludes = ["Inputs", "CMakeLists.txt", "README.md", "lit.cfg.py",
                   "lit.site.cfg.py", "Unit"]

# Tests of the library path (oneDNN calls at run time) need libtessera_dnnl.so.
if config.tessera_enable_dnnl:
    config.available_features.add("dnnl")

# A probe prints "<target>: <device>" or "<target>: unavailable: <why>":
# the lit feature <target> exists for a device, and lit notes which one or
# why its tests report UNSUPPORTED.
def add_probed_feature(out, target, label):
    for line in out.splitlines():
        name, _, device = line.partition(": ")
        if name != target:
            continue
        if device.startswith("unavailable"):
            lit_config.note("%s tests skipped (UNSUPPORTED): %s" % (label, device))
        else:
            config.available_features.add(target)
            lit_config.note("%s tests run on: %s" % (label, device))

# GPU targets: the feature `vulkan` when tessera-run finds a Vulkan device
# (lavapipe counts). Without one, the Vulkan tests report UNSUPPORTED and
# lit prints why.
def probe_gpu_targets():
    import subprocess
    tool = os.path.join(config.tessera_tools_dir, "tessera-run")
    try:
        out = subprocess.run([tool, "--list-devices"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True,
                             timeout=120).stdout
    except (OSError, subprocess.SubprocessError) as e:
        out = "vulkan: unavailable: cannot run %s: %s" % (tool, e)
    add_probed_feature(out, "vulkan", "Vulkan")

probe_gpu_targets()

# spirv-val (spirv-tools) validates the SPIR-V the Vulkan pipeline emits.
import shutil
if shutil.which("spirv-val"):
    config.available_features.add("spirv-val")


# WebGPU (web/, scripts/setup-webgpu.sh): `wgsl-validator` when Tint runs
# through dawn.node (npm `webgpu` installed in web/node_modules); `webgpu`
# when the wrapper tessera-web-run (which sets up Mesa 25 lavapipe for node
# only) finds a real adapter, never Dawn's null backend.
def probe_webgpu():
    import subprocess
    node = shutil.which("node")
    web = os.path.join(config.tessera_src_root, "web")
    validator = os.path.join(web, "tools", "validate-wgsl.mjs")
    wrapper = os.path.join(config.tessera_obj_root, "bin", "tessera-web-run")
    config.substitutions.append(("%wgsl_validate", "%s %s" % (node or "node", validator)))
    config.substitutions.append(("%tessera_web_run", wrapper))
    config.substitutions.append(("%node", node or "node"))
    if not node:
        lit_config.note("WebGPU tests skipped (UNSUPPORTED): no `node` on PATH")
        return
    config.available_features.add("node")
    try:
        ok = subprocess.run([node, validator, "-"], input="@compute @workgroup_size(1) fn main() {}\n",
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
        if ok.returncode == 0:
            config.available_features.add("wgsl-validator")
        else:
            lit_config.note("WGSL validation tests skipped (UNSUPPORTED): %s failed: %s"
                            % (validator, ok.stdout.strip()[-500:]))
    except (OSError, subprocess.SubprocessError) as e:
        lit_config.note("WGSL validation tests skipped (UNSUPPORTED): %s" % e)
    if not os.access(wrapper, os.X_OK):
        lit_config.note("WebGPU tests skipped (UNSUPPORTED): %s is missing "
                        "(scripts/setup-webgpu.sh writes it)" % wrapper)
        return
    try:
        out = subprocess.run([wrapper, "--probe"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, timeout=120).stdout
    except (OSError, subprocess.SubprocessError) as e:
        out = "webgpu: unavailable: cannot run %s: %s" % (wrapper, e)
    add_probed_feature(out, "webgpu", "WebGPU")

probe_webgpu()


# The WebGPU demo page (examples/web) in headless Chromium: `chromium-webgpu`
# when Debian's chromium ($CHROMIUM or /usr/bin/chromium) and playwright-core
# (web/node_modules, npm ci) are installed and a page gets a WebGPU adapter
# (examples/web/headless.mjs --probe: one Chromium start, ~3 s).
def probe_chromium_webgpu():
    import subprocess
    node = shutil.which("node")
    headless = os.path.join(config.tessera_src_root, "examples", "web", "headless.mjs")
    config.substitutions.append(("%demo_headless", "%s %s" % (node or "node", headless)))
    llvm_config.with_system_environment(["CHROMIUM"])
    chromium = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    playwright = os.path.join(config.tessera_src_root, "web", "node_modules", "playwright-core")
    why = None
    if not node:
        why = "no `node` on PATH"
    elif not os.access(chromium, os.X_OK):
        why = "%s is missing (Debian package chromium)" % chromium
    elif not os.path.isdir(playwright):
        why = "%s is missing (npm ci in web/)" % playwright
    else:
        try:
            out = subprocess.run([node, headless, "--probe"], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, timeout=120).stdout
        except (OSError, subprocess.SubprocessError) as e:
            out = "chromium-webgpu: unavailable: %s" % e
        line = next((l for l in out.splitlines() if l.startswith("chromium-webgpu: ")),
                    "chromium-webgpu: unavailable: " + out.strip()[-300:])
        adapter = line.partition(": ")[2]
        if adapter.startswith("unavailable"):
            why = adapter
        else:
            config.available_features.add("chromium-webgpu")
            lit_config.note("WebGPU demo tests run in headless Chromium on: " + adapter)
    if why:
        lit_config.note("WebGPU demo tests in Chromium skipped (UNSUPPORTED): " + why)

probe_chromium_webgpu()


# CUDA: the toolkit's ptxas validates generated PTX where it is installed
# (`ptxas`); tests that run kernels need a driver that sees a GPU
# (`cuda-driver`). PTX generation itself needs neither.
def find_ptxas():
    import shutil
    for path in (shutil.which("ptxas"), "/usr/local/cuda/bin/ptxas"):
        if path and os.access(path, os.X_OK):
            return path
    return None


def have_cuda_driver():
    import ctypes
    try:
        cuda = ctypes.CDLL("libcuda.so.1")
        count = ctypes.c_int(0)
        return (cuda.cuInit(0) == 0 and
                cuda.cuDeviceGetCount(ctypes.byref(count)) == 0 and
                count.value > 0)
    except (OSError, AttributeError):
        return False


ptxas = find_ptxas()
if ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
if have_cuda_driver():
    config.available_features.add("cuda-driver")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%tessera_src_root", config.tessera_src_root))
config.substitutions.append(("%cc", os.path.join(config.llvm_tools_dir, "clang")))
# Debian's interpreter: it sees python3-numpy (the pyenv python3 does not).
# $TESSERA_TEST_PYTHON names another one with numpy (a machine without
# Debian's packages, e.g. a GPU machine the build was carried to).
config.tessera_python = os.environ.get("TESSERA_TEST_PYTHON", "/usr/bin/python3")
config.substitutions.append(("%python", config.tessera_python))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
tool_dirs = [config.tessera_tools_dir, config.llvm_tools_dir]
tools = ["tessera-opt", "tessera-run", "tessera-compile", "tessera-translate",
         "tessera-embed-example"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
