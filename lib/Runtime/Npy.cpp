//===- Npy.cpp - Read and write NumPy .npy files --------------------------===//

#include "tessera/Runtime/Npy.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

using namespace tessera;

namespace {
struct DtypeName {
  const char *descr;
  tessera_dtype dtype;
};
constexpr DtypeName kDtypes[] = {
    {"<f4", TESSERA_F32}, {"<f8", TESSERA_F64}, {"<i4", TESSERA_I32},
    {"<i8", TESSERA_I64}, {"|i1", TESSERA_I8},  {"|u1", TESSERA_U8},
    {"|b1", TESSERA_I1},  {"<c8", TESSERA_C64}, {"|i1", TESSERA_I4},
    {"|u1", TESSERA_U4},
};

/// Value of `key` in the header dict, e.g. 'descr': '<f4' -> <f4.
bool findValue(const std::string &header, const std::string &key,
               std::string &value) {
  size_t pos = header.find("'" + key + "'");
  if (pos == std::string::npos)
    return false;
  pos = header.find(':', pos);
  if (pos == std::string::npos)
    return false;
  ++pos;
  while (pos < header.size() && header[pos] == ' ')
    ++pos;
  size_t end;
  if (header[pos] == '\'') {
    end = header.find('\'', pos + 1);
    if (end == std::string::npos)
      return false;
    value = header.substr(pos + 1, end - pos - 1);
  } else if (header[pos] == '(') {
    end = header.find(')', pos);
    if (end == std::string::npos)
      return false;
    value = header.substr(pos + 1, end - pos - 1);
  } else {
    end = header.find_first_of(",}", pos);
    value = header.substr(pos, end - pos);
  }
  return true;
}
} // namespace

bool npy::read(const std::string &path, Tensor &tensor, std::string &error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path;
    return false;
  }
  auto bad = [&](const std::string &why) {
    error = path + ": not a valid .npy file: " + why;
    return false;
  };
  char magic[8];
  if (!in.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0)
    return bad("missing the \\x93NUMPY magic");
  int major = static_cast<unsigned char>(magic[6]);
  uint32_t headerLength = 0;
  if (major == 1) {
    unsigned char len[2];
    if (!in.read(reinterpret_cast<char *>(len), 2))
      return bad("truncated header");
    headerLength = len[0] | (len[1] << 8);
  } else if (major == 2 || major == 3) {
    unsigned char len[4];
    if (!in.read(reinterpret_cast<char *>(len), 4))
      return bad("truncated header");
    headerLength = len[0] | (len[1] << 8) | (len[2] << 16) |
                   (static_cast<uint32_t>(len[3]) << 24);
  } else {
    return bad("unsupported version " + std::to_string(major));
  }
  if (headerLength > (1u << 20))
    return bad("header too large");
  std::string header(headerLength, '\0');
  if (!in.read(header.data(), headerLength))
    return bad("truncated header");

  std::string descr, fortran, shapeText;
  if (!findValue(header, "descr", descr) ||
      !findValue(header, "fortran_order", fortran) ||
      !findValue(header, "shape", shapeText))
    return bad("header lacks descr, fortran_order or shape");
  if (fortran.find("True") != std::string::npos)
    return bad("Fortran-order arrays are not supported (use C order)");
  const DtypeName *dtype = nullptr;
  for (const DtypeName &d : kDtypes)
    if (descr == d.descr) {
      dtype = &d;
      break;
    }
  if (!dtype)
    return bad("unsupported dtype '" + descr +
               "' (supported: <f4 <f8 <i4 <i8 |i1 |u1 |b1 <c8)");
  std::vector<int64_t> shape;
  std::stringstream dims(shapeText);
  std::string item;
  while (std::getline(dims, item, ',')) {
    size_t first = item.find_first_not_of(' ');
    if (first == std::string::npos)
      continue;
    char *end = nullptr;
    long long v = std::strtoll(item.c_str() + first, &end, 10);
    if (end == item.c_str() + first || v < 0)
      return bad("bad shape (" + shapeText + ")");
    shape.push_back(v);
  }
  tensor = Tensor(dtype->dtype, shape);
  size_t bytes = tensor.numElements() * tessera_dtype_size(dtype->dtype);
  if (!in.read(static_cast<char *>(tensor.data()), bytes))
    return bad("data is shorter than the shape requires");
  return true;
}

bool npy::write(const std::string &path, const Tensor &tensor,
                std::string &error) {
  const char *descr = nullptr;
  for (const DtypeName &d : kDtypes)
    if (d.dtype == tensor.dtype()) {
      descr = d.descr;
      break;
    }
  std::string shape = "(";
  for (size_t i = 0; i < tensor.shape().size(); ++i)
    shape += std::to_string(tensor.shape()[i]) + ", ";
  if (tensor.shape().size() > 1)
    shape.resize(shape.size() - 2);
  else if (tensor.shape().size() == 1)
    shape.resize(shape.size() - 1);
  shape += ")";
  std::string header = std::string("{'descr': '") + descr +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad with spaces so that the data starts at a multiple of 64 bytes.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';

  std::ofstream out(path, std::ios::binary);
  if (!out) {
    error = "cannot write " + path;
    return false;
  }
  uint16_t length = static_cast<uint16_t>(header.size());
  out.write("\x93NUMPY\x01\x00", 8);
  char len[2] = {static_cast<char>(length & 0xff),
                 static_cast<char>(length >> 8)};
  out.write(len, 2);
  out.write(header.data(), header.size());
  out.write(static_cast<const char *>(tensor.data()),
            tensor.numElements() * tessera_dtype_size(tensor.dtype()));
  if (!out) {
    error = "error while writing " + path;
    return false;
  }
  return true;
}
