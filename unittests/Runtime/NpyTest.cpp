//===- NpyTest.cpp - .npy reading and writing -----------------------------===//

#include "tessera/Runtime/Npy.h"

#include <gtest/gtest.h>

#include <fstream>

namespace {

std::string tempPath(const std::string &name) {
  return ::testing::TempDir() + "/" + name;
}

TEST(Npy, RoundTripsEveryDtype) {
  for (tessera_dtype dtype : {TESSERA_F32, TESSERA_F64, TESSERA_I32, TESSERA_I64,
                              TESSERA_I8, TESSERA_U8, TESSERA_C64}) {
    tessera::Tensor t(dtype, {2, 3});
    for (size_t i = 0; i < 6 * tessera_dtype_size(dtype); ++i)
      static_cast<unsigned char *>(t.data())[i] = static_cast<unsigned char>(i * 7);
    std::string path = tempPath("roundtrip.npy"), error;
    ASSERT_TRUE(tessera::npy::write(path, t, error)) << error;
    tessera::Tensor back;
    ASSERT_TRUE(tessera::npy::read(path, back, error)) << error;
    EXPECT_EQ(back.dtype(), dtype);
    EXPECT_EQ(back.shape(), t.shape());
    EXPECT_EQ(std::memcmp(back.data(), t.data(), 6 * tessera_dtype_size(dtype)),
              0);
  }
}

TEST(Npy, ScalarsAndVectors) {
  std::string error;
  for (std::vector<int64_t> shape : {std::vector<int64_t>{},
                                     std::vector<int64_t>{5}}) {
    tessera::Tensor t(TESSERA_F32, shape);
    std::string path = tempPath("small.npy");
    ASSERT_TRUE(tessera::npy::write(path, t, error)) << error;
    tessera::Tensor back;
    ASSERT_TRUE(tessera::npy::read(path, back, error)) << error;
    EXPECT_EQ(back.shape(), shape);
  }
}

TEST(Npy, ReportsBadFiles) {
  std::string error;
  tessera::Tensor t;
  EXPECT_FALSE(tessera::npy::read(tempPath("absent.npy"), t, error));
  EXPECT_NE(error.find("cannot open"), std::string::npos);

  std::string path = tempPath("bad.npy");
  std::ofstream(path) << "not a numpy file at all";
  EXPECT_FALSE(tessera::npy::read(path, t, error));
  EXPECT_NE(error.find("magic"), std::string::npos) << error;

  // A valid header whose data is too short for its shape.
  tessera::Tensor big(TESSERA_F32, {4, 4});
  ASSERT_TRUE(tessera::npy::write(path, big, error));
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() - 8);
  EXPECT_FALSE(tessera::npy::read(path, t, error));
  EXPECT_NE(error.find("shorter than the shape"), std::string::npos) << error;

  // Fortran order and unknown dtypes are refused by name.
  auto header = [&](const std::string &dict) {
    std::string h = dict;
    h.append(118 - h.size(), ' ');
    h += '\n';
    std::ofstream out(path, std::ios::binary);
    out.write("\x93NUMPY\x01\x00", 8);
    char len[2] = {static_cast<char>(h.size()), 0};
    out.write(len, 2);
    out << h;
  };
  header("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }");
  EXPECT_FALSE(tessera::npy::read(path, t, error));
  EXPECT_NE(error.find("Fortran"), std::string::npos) << error;
  header("{'descr': '<U8', 'fortran_order': False, 'shape': (1,), }");
  EXPECT_FALSE(tessera::npy::read(path, t, error));
  EXPECT_NE(error.find("unsupported dtype '<U8'"), std::string::npos) << error;
}

} // namespace
