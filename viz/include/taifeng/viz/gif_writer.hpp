#pragma once
// A small animated-GIF (GIF89a) encoder: the animation's fallback when ffmpeg cannot make
// an MP4, with no dependency of its own. Colours are mapped to a fixed 256-entry palette
// (a 6 x 7 x 6 RGB cube plus four greys, no dithering), so a channel is off by at most half
// a cube step (25.5 for red and blue, 21.25 for green). Frames are LZW-compressed and
// written as they come; the file appears under its final name on finish().
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace taifeng::viz {

class GifWriter {
 public:
  // delay_cs: time each frame is shown, in 1/100 s. The animation loops forever.
  GifWriter(const std::filesystem::path& path, int width, int height, int delay_cs);
  ~GifWriter();  // without finish(): removes the partial file
  GifWriter(const GifWriter&) = delete;
  GifWriter& operator=(const GifWriter&) = delete;

  // rgb: width * height * 3 bytes, rows from the top.
  void add_frame(const std::uint8_t* rgb);
  void finish();
  int frames() const { return frames_; }

  // Palette index of a colour and the palette's colour of an index.
  static std::uint8_t palette_index(std::uint8_t r, std::uint8_t g, std::uint8_t b);
  static void palette_colour(std::uint8_t index, std::uint8_t rgb[3]);

 private:
  void put(const void* data, std::size_t n);
  std::filesystem::path path_, tmp_;
  int width_, height_, delay_cs_, frames_ = 0;
  std::FILE* file_ = nullptr;
  std::vector<std::uint8_t> indices_;
};

}  // namespace taifeng::viz
