//===- Timing.h - Wall-clock helpers of the tuners (internal) ---*- C++ -*-===//
//
// Shared by the CPU tuner (Tuner.cpp), the GPU tuner (GPUTuner.cpp) and the
// GPU candidates' measurement (Runtime.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_LIB_RUNTIME_TIMING_H
#define TESSERA_LIB_RUNTIME_TIMING_H

#include <algorithm>
#include <chrono>
#include <vector>

namespace tessera::runtime {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The median of `times` (the upper one of an even count); `times` must not
/// be empty.
inline double medianOf(std::vector<double> times) {
  std::nth_element(times.begin(), times.begin() + times.size() / 2,
                   times.end());
  return times[times.size() / 2];
}

} // namespace tessera::runtime

#endif // TESSERA_LIB_RUNTIME_TIMING_H
