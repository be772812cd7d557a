// z = x + y over 262141 float32 (test/web/Inputs/variants: variant 2)
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> y: array<f32>;
@group(0) @binding(2) var<storage, read_write> z: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i < 262141u) {
    z[i] = x[i] + y[i];
  }
}
