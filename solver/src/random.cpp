#include "taifeng/solver/random.hpp"

#include <cmath>
#include <numbers>

namespace taifeng::solver {

namespace {

constexpr std::uint32_t philox_m0 = 0xD2511F53u, philox_m1 = 0xCD9E8D57u;
constexpr std::uint32_t philox_w0 = 0x9E3779B9u, philox_w1 = 0xBB67AE85u;

inline void mulhilo(std::uint32_t a, std::uint32_t b, std::uint32_t& hi, std::uint32_t& lo) {
  const std::uint64_t p = std::uint64_t(a) * std::uint64_t(b);
  hi = std::uint32_t(p >> 32);
  lo = std::uint32_t(p);
}

}  // namespace

PhiloxCounter philox4x32_10(PhiloxCounter c, PhiloxKey k) {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {  // key schedule: bump the key before every round but the first
      k[0] += philox_w0;
      k[1] += philox_w1;
    }
    std::uint32_t hi0, lo0, hi1, lo1;
    mulhilo(philox_m0, c[0], hi0, lo0);
    mulhilo(philox_m1, c[2], hi1, lo1);
    c = {hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0};
  }
  return c;
}

double uniform_open01(std::uint32_t lo, std::uint32_t hi) {
  const std::uint64_t bits = ((std::uint64_t(hi) << 32) | lo) >> 12;  // 52 bits
  return (double(bits) + 0.5) * 0x1.0p-52;
}

PhiloxCounter CounterRng::block(std::uint64_t index) const {
  const PhiloxCounter ctr{std::uint32_t(index), std::uint32_t(index >> 32), member_, stream_};
  const PhiloxKey key{std::uint32_t(seed_), std::uint32_t(seed_ >> 32)};
  return philox4x32_10(ctr, key);
}

double CounterRng::uniform(std::uint64_t index) const {
  const PhiloxCounter b = block(index);
  return uniform_open01(b[0], b[1]);
}

double CounterRng::normal(std::uint64_t index) const {
  const PhiloxCounter b = block(index);
  const double u1 = uniform_open01(b[0], b[1]), u2 = uniform_open01(b[2], b[3]);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace taifeng::solver
