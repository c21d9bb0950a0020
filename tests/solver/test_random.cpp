// Counter-based random numbers (solver/random.hpp): Philox4x32-10 against the Random123
// known-answer vectors, purity of the (seed, member, stream, index) -> draw mapping, and
// the first two moments of the Box–Muller normals.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "taifeng/solver/random.hpp"

using namespace taifeng::solver;

TEST_CASE("Philox4x32-10 reproduces the Random123 known-answer vectors", "[random]") {
  // Random123 tests/kat_vectors, "philox4x32 10" lines (Salmon et al. 2011).
  CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
        PhiloxCounter{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
  CHECK(philox4x32_10({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                      {0xffffffffu, 0xffffffffu}) ==
        PhiloxCounter{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
  CHECK(philox4x32_10({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                      {0xa4093822u, 0x299f31d0u}) ==
        PhiloxCounter{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u});
}

TEST_CASE("Counter-based draws are a pure function of seed, member, stream and index", "[random]") {
  const CounterRng a(20240917ull, 7, 1), b(20240917ull, 7, 1);
  // Any evaluation order gives the same values.
  for (std::uint64_t i = 50; i-- > 0;) CHECK(a.normal(i) == b.normal(i));
  CHECK(a.block(3) == b.block(3));
  // Key/counter layout (documented in random.hpp).
  const std::uint64_t seed = 0x0123456789abcdefull;
  CHECK(CounterRng(seed, 5, 2).block((std::uint64_t(9) << 32) | 4u) ==
        philox4x32_10({4u, 9u, 5u, 2u}, {0x89abcdefu, 0x01234567u}));
  // Different members, streams and seeds differ.
  CHECK(CounterRng(1, 1, 0).block(0) != CounterRng(1, 2, 0).block(0));
  CHECK(CounterRng(1, 1, 0).block(0) != CounterRng(1, 1, 1).block(0));
  CHECK(CounterRng(1, 1, 0).block(0) != CounterRng(2, 1, 0).block(0));
  // Uniforms stay inside the open interval even at the extreme bit patterns.
  CHECK(uniform_open01(0, 0) > 0.0);
  CHECK(uniform_open01(0xffffffffu, 0xffffffffu) < 1.0);
}

TEST_CASE("Box-Muller normals have mean 0 and variance 1", "[random]") {
  const CounterRng rng(42, 3, 0);
  const long n = 1000000;
  double sum = 0, sum2 = 0;
  for (long i = 0; i < n; ++i) {
    const double z = rng.normal(std::uint64_t(i));
    sum += z;
    sum2 += z * z;
  }
  const double mean = sum / double(n), var = sum2 / double(n) - mean * mean;
  // Sampling s.d.: 1/sqrt(N) for the mean, sqrt(2/N) for the variance; allow 4 sigma.
  CHECK(std::abs(mean) < 4.0 / std::sqrt(double(n)));
  CHECK(std::abs(var - 1.0) < 4.0 * std::sqrt(2.0 / double(n)));
}
