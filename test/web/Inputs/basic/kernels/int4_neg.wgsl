// m = min(-n, 7) on int4 values packed two per byte (element i in byte i/2,
// even i in the low nibble), eight per u32 word.
@group(0) @binding(0) var<storage, read> n: array<u32>;
@group(0) @binding(1) var<storage, read_write> m: array<u32>;

const N: u32 = 11u;

@compute @workgroup_size(1, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3u) {
  let word = wid.x;
  var packed = 0u;
  for (var k = 0u; k < 8u; k++) {
    let i = word * 8u + k;
    if (i < N) {
      let v = min(-extractBits(i32(n[word]), k * 4u, 4u), 7);
      packed = packed | ((u32(v) & 0xfu) << (k * 4u));
    }
  }
  m[word] = packed;
}
