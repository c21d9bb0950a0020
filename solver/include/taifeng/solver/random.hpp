#pragma once
// Counter-based random numbers for reproducible Monte Carlo ensembles: Philox4x32-10
// (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers: as easy as 1, 2, 3",
// SC'11; the Random123 library). A draw is a pure function of (seed, member, stream,
// index): no generator state is carried between draws, so member m gets the same numbers
// whatever thread or MPI rank computes it and in whatever order members are computed.
//
// Key and counter layout used by CounterRng (the "v1" layout; changing it changes every
// ensemble, so it is part of the reproducibility contract):
//   key     = {low 32 bits of seed, high 32 bits of seed}
//   counter = {low 32 bits of index, high 32 bits of index, member, stream}
#include <array>
#include <cstdint>

namespace taifeng::solver {

using PhiloxCounter = std::array<std::uint32_t, 4>;
using PhiloxKey = std::array<std::uint32_t, 2>;

// One Philox4x32 block with 10 rounds (the Random123 reference function
// philox4x32_R(10, ctr, key)); checked against Random123's kat_vectors.
PhiloxCounter philox4x32_10(PhiloxCounter counter, PhiloxKey key);

// Uniform in the open interval (0, 1) from 64 random bits: (top 52 bits + 0.5) * 2^-52
// (both ends exactly representable: 2^-53 and 1 - 2^-53).
double uniform_open01(std::uint32_t lo, std::uint32_t hi);

class CounterRng {
 public:
  CounterRng(std::uint64_t seed, std::uint32_t member, std::uint32_t stream)
      : seed_(seed), member_(member), stream_(stream) {}

  // The raw Philox block of draw `index`.
  PhiloxCounter block(std::uint64_t index) const;
  // Uniform (0, 1) from words 0 and 1 of block `index`.
  double uniform(std::uint64_t index) const;
  // Standard normal from block `index` by Box–Muller: u1 from words 0-1, u2 from words 2-3,
  // z = sqrt(-2 ln u1) cos(2π u2) (the sine partner is not used, so every index is one
  // independent draw).
  double normal(std::uint64_t index) const;

 private:
  std::uint64_t seed_;
  std::uint32_t member_, stream_;
};

}  // namespace taifeng::solver
