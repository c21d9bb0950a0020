#include "taifeng/core/sha256.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng {

namespace {
struct Digest {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), EVP_MD_CTX_free};
  Digest() {
    TAIFENG_CHECK(ctx && EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) == 1,
                  "OpenSSL SHA-256 init");
  }
  void update(const void* p, std::size_t n) {
    TAIFENG_CHECK(EVP_DigestUpdate(ctx.get(), p, n) == 1, "OpenSSL SHA-256 update");
  }
  std::string hex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    TAIFENG_CHECK(EVP_DigestFinal_ex(ctx.get(), md, &len) == 1, "OpenSSL SHA-256 final");
    std::string out;
    for (unsigned i = 0; i < len; ++i) out += fmt::format("{:02x}", md[i]);
    return out;
  }
};
}  // namespace

std::string sha256_hex(std::string_view bytes) {
  Digest d;
  d.update(bytes.data(), bytes.size());
  return d.hex();
}

std::string sha256_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw_input_error(file.string(), "cannot be read to compute its SHA-256");
  Digest d;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), std::streamsize(buf.size()));
    d.update(buf.data(), std::size_t(in.gcount()));
  }
  return d.hex();
}

}  // namespace taifeng
