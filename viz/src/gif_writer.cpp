#include "taifeng/viz/gif_writer.hpp"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <string>
#include <system_error>

#include "taifeng/core/error.hpp"

namespace taifeng::viz {

namespace fs = std::filesystem;

namespace {

constexpr int cube_r = 6, cube_g = 7, cube_b = 6;  // 252 cube colours
constexpr std::uint8_t extra_grey[4] = {64, 128, 192, 230};

std::uint8_t level(int steps, int k) {
  return std::uint8_t(std::lround(255.0 * k / (steps - 1)));
}
int nearest_step(int steps, std::uint8_t v) {
  return int(std::lround(v * (steps - 1) / 255.0));
}

// Variable-length LZW codes packed LSB first, emitted as data sub-blocks of <= 255 bytes.
class CodeStream {
 public:
  explicit CodeStream(std::vector<std::uint8_t>& out) : out_(out) {}
  void write(unsigned code, int bits) {
    acc_ |= std::uint32_t(code) << nbits_;
    nbits_ += bits;
    while (nbits_ >= 8) {
      byte(std::uint8_t(acc_ & 0xff));
      acc_ >>= 8;
      nbits_ -= 8;
    }
  }
  void flush() {
    if (nbits_ > 0) byte(std::uint8_t(acc_ & 0xff));
    acc_ = 0;
    nbits_ = 0;
    if (!block_.empty()) emit_block();
    out_.push_back(0);  // block terminator
  }

 private:
  void byte(std::uint8_t b) {
    block_.push_back(b);
    if (block_.size() == 255) emit_block();
  }
  void emit_block() {
    out_.push_back(std::uint8_t(block_.size()));
    out_.insert(out_.end(), block_.begin(), block_.end());
    block_.clear();
  }
  std::vector<std::uint8_t>& out_;
  std::vector<std::uint8_t> block_;
  std::uint32_t acc_ = 0;
  int nbits_ = 0;
};

// LZW with 8-bit minimum code size; the code table is cleared when it reaches 4095 codes
// (the GIF limit). Child lookup: table[prefix * 256 + byte] stamped with a generation, so
// that a clear is O(1).
std::vector<std::uint8_t> lzw_encode(const std::vector<std::uint8_t>& pixels) {
  constexpr unsigned clear = 256, end = 257;
  std::vector<std::uint8_t> out;
  out.push_back(8);  // minimum code size
  CodeStream codes(out);
  std::vector<std::uint32_t> table(4096 * 256, 0);  // (generation << 12) | code, 0 = none
  std::uint32_t generation = 1;
  int size = 9;
  unsigned max_code = end;
  codes.write(clear, size);
  long current = -1;
  for (const std::uint8_t p : pixels) {
    if (current < 0) {
      current = p;
      continue;
    }
    const std::uint32_t entry = table[std::size_t(current) * 256 + p];
    if ((entry >> 12) == generation) {
      current = long(entry & 0xfff);
      continue;
    }
    codes.write(unsigned(current), size);
    ++max_code;
    table[std::size_t(current) * 256 + p] = (generation << 12) | max_code;
    if (max_code >= (1u << size)) ++size;
    if (max_code == 4095) {
      codes.write(clear, size);
      ++generation;
      size = 9;
      max_code = end;
    }
    current = p;
  }
  if (current >= 0) {
    codes.write(unsigned(current), size);
    // The decoder adds one more entry on reading this last code and may widen its codes
    // (giflib, ffmpeg): write the end code in the width it then expects.
    if (++max_code >= (1u << size) && size < 12) ++size;
  }
  codes.write(end, size);
  codes.flush();
  return out;
}

void put_u16(std::vector<std::uint8_t>& v, int x) {
  v.push_back(std::uint8_t(x & 0xff));
  v.push_back(std::uint8_t((x >> 8) & 0xff));
}

}  // namespace

std::uint8_t GifWriter::palette_index(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  const int ir = nearest_step(cube_r, r), ig = nearest_step(cube_g, g),
            ib = nearest_step(cube_b, b);
  const auto err = [&](int cr, int cg, int cb) {
    return (cr - r) * (cr - r) + (cg - g) * (cg - g) + (cb - b) * (cb - b);
  };
  int best = (ir * cube_g + ig) * cube_b + ib;
  int best_err = err(level(cube_r, ir), level(cube_g, ig), level(cube_b, ib));
  // A grey only where it is closer and still within half a cube step in every channel.
  for (int k = 0; k < 4; ++k) {
    const int v = extra_grey[k];
    const bool within = 2 * std::abs(v - r) * (cube_r - 1) <= 255 &&
                        2 * std::abs(v - g) * (cube_g - 1) <= 255 &&
                        2 * std::abs(v - b) * (cube_b - 1) <= 255;
    const int e = err(v, v, v);
    if (within && e < best_err) {
      best_err = e;
      best = cube_r * cube_g * cube_b + k;
    }
  }
  return std::uint8_t(best);
}

void GifWriter::palette_colour(std::uint8_t index, std::uint8_t rgb[3]) {
  if (index >= cube_r * cube_g * cube_b) {
    rgb[0] = rgb[1] = rgb[2] = extra_grey[index - cube_r * cube_g * cube_b];
    return;
  }
  rgb[0] = level(cube_r, index / (cube_g * cube_b));
  rgb[1] = level(cube_g, (index / cube_b) % cube_g);
  rgb[2] = level(cube_b, index % cube_b);
}

GifWriter::GifWriter(const fs::path& path, int width, int height, int delay_cs)
    : path_(path),
      tmp_(path.string() + ".tmp." + std::to_string(::getpid())),
      width_(width),
      height_(height),
      delay_cs_(delay_cs) {
  TAIFENG_CHECK(width > 0 && width <= 65535 && height > 0 && height <= 65535,
                "GIF size out of range");
  TAIFENG_CHECK(delay_cs >= 0 && delay_cs <= 65535, "GIF frame delay out of range");
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (file_ == nullptr)
    throw_input_error(path.string(), std::string("cannot create: ") + std::strerror(errno));
  std::vector<std::uint8_t> head = {'G', 'I', 'F', '8', '9', 'a'};
  put_u16(head, width);
  put_u16(head, height);
  head.insert(head.end(), {0xf7, 0, 0});  // global colour table of 256 entries
  for (int k = 0; k < 256; ++k) {
    std::uint8_t rgb[3];
    palette_colour(std::uint8_t(k), rgb);
    head.insert(head.end(), rgb, rgb + 3);
  }
  // NETSCAPE2.0 application extension: loop forever.
  const char* app = "NETSCAPE2.0";
  head.insert(head.end(), {0x21, 0xff, 11});
  head.insert(head.end(), app, app + 11);
  head.insert(head.end(), {3, 1, 0, 0, 0});
  put(head.data(), head.size());
}

GifWriter::~GifWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::error_code ec;
    fs::remove(tmp_, ec);
  }
}

void GifWriter::put(const void* data, std::size_t n) {
  if (std::fwrite(data, 1, n, file_) != n)
    throw_input_error(path_.string(), std::string("write failed: ") + std::strerror(errno));
}

void GifWriter::add_frame(const std::uint8_t* rgb) {
  TAIFENG_CHECK(file_ != nullptr, "GIF already finished");
  const std::size_t n = std::size_t(width_) * std::size_t(height_);
  indices_.resize(n);
  for (std::size_t k = 0; k < n; ++k)
    indices_[k] = palette_index(rgb[3 * k], rgb[3 * k + 1], rgb[3 * k + 2]);
  std::vector<std::uint8_t> block = {0x21, 0xf9, 4, 0x04};  // graphic control: keep frame
  put_u16(block, delay_cs_);
  block.insert(block.end(), {0, 0});
  block.push_back(0x2c);  // image descriptor, full screen, no local colour table
  put_u16(block, 0);
  put_u16(block, 0);
  put_u16(block, width_);
  put_u16(block, height_);
  block.push_back(0);
  put(block.data(), block.size());
  const std::vector<std::uint8_t> data = lzw_encode(indices_);
  put(data.data(), data.size());
  ++frames_;
}

void GifWriter::finish() {
  TAIFENG_CHECK(file_ != nullptr, "GIF already finished");
  const std::uint8_t trailer = 0x3b;
  put(&trailer, 1);
  const bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  const int err = errno;
  std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;
  if (!ok) {
    fs::remove(tmp_, ec);
    throw_input_error(path_.string(), std::string("write failed: ") + std::strerror(err));
  }
  fs::rename(tmp_, path_, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp_, ignored);
    throw_input_error(path_.string(), "rename failed: " + ec.message());
  }
}

}  // namespace taifeng::viz
