// r = max(z, 0) * 0.5 over 262141 float32 (test/web/Inputs/variants: variant 1)
@group(0) @binding(0) var<storage, read> z: array<f32>;
@group(0) @binding(1) var<storage, read_write> r: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i < 262141u) {
    r[i] = max(z[i], 0.0) * 0.5;
  }
}
