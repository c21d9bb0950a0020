#pragma once
// Vectorised sqrt(g x) over an array for the shallow-water kernels (internal to solver/swe).
#include <cmath>

#include <Eigen/Core>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define TAIFENG_SWE_SQRT_AVX2 1
#include <immintrin.h>
#endif

namespace taifeng::solver::swe::detail {

// out[i] = sqrt(g * in[i]) for i < n. Eigen's packet sqrt is chosen at compile time (SSE2,
// two lanes, in the AVX2 clones too), and GCC does not vectorise std::sqrt unless
// -fno-math-errno, so the AVX2 version is written with intrinsics and picked at run time
// (function multiversioning). sqrt is correctly rounded in every form: same bits.
#ifdef TAIFENG_SWE_SQRT_AVX2
__attribute__((target("avx2"))) inline void sqrt_g(const double* __restrict in, double g, long n,
                                                   double* __restrict out) {
  const __m256d gv = _mm256_set1_pd(g);
  long i = 0;
  for (; i + 4 <= n; i += 4)
    _mm256_storeu_pd(out + i, _mm256_sqrt_pd(_mm256_mul_pd(gv, _mm256_loadu_pd(in + i))));
  for (; i < n; ++i) out[i] = std::sqrt(g * in[i]);
}
__attribute__((target("default")))
#endif
inline void
sqrt_g(const double* __restrict in, double g, long n, double* __restrict out) {
  using Arr = Eigen::Array<double, Eigen::Dynamic, 1>;
  Eigen::Map<Arr>(out, n) = (g * Eigen::Map<const Arr>(in, n)).sqrt();
}

}  // namespace taifeng::solver::swe::detail
