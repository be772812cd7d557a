// r = i8(q * 3 + w): q and r are int8 packed four per u32 word (element i in
// byte i), w an int32 constant; the result wraps as two's complement.
@group(0) @binding(0) var<storage, read> q: array<u32>;
@group(0) @binding(1) var<storage, read> w: array<i32>;
@group(0) @binding(2) var<storage, read_write> r: array<u32>;

const N: u32 = 37u;

@compute @workgroup_size(4)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let word = gid.x;
  if (word * 4u >= N) {
    return;
  }
  var packed = 0u;
  for (var lane = 0u; lane < 4u; lane++) {
    let i = word * 4u + lane;
    if (i < N) {
      let v = extractBits(i32(q[word]), lane * 8u, 8u) * 3 + w[i];
      packed = packed | ((u32(v) & 0xffu) << (lane * 8u));
    }
  }
  r[word] = packed;
}
