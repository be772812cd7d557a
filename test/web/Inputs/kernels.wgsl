// Several kernels in one file, as tessera-translate --mlir-to-wgsl prints
// them; the second and third are invalid.
// ----- kernel scale
@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3u) {
  y[g.x] = 2.0 * y[g.x];
}
// ----- kernel bytes
@group(0) @binding(0) var<storage, read_write> y: array<i32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3u) {
  let v: i64 = 1;
  y[g.x] = 1;
}
// ----- kernel too_wide
@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@compute @workgroup_size(512)
fn main(@builtin(global_invocation_id) g: vec3u) {
  y[g.x] = 1u;
}
// ----- kernel ok_again
@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) g: vec3u) {
  y[g.x] = g.y;
}
