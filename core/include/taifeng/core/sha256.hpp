#pragma once
#include <filesystem>
#include <string>

namespace taifeng {
// Lower-case hex SHA-256 of a file's bytes (OpenSSL EVP).
std::string sha256_file(const std::filesystem::path& file);
std::string sha256_hex(std::string_view bytes);
}  // namespace taifeng
