#include "util/secrets.hpp"

#include <mutex>
#include <regex>
#include <set>

namespace plumb {
namespace {

std::mutex g_mutex;
std::set<std::string>& registered() {
  static std::set<std::string> secrets;
  return secrets;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

void register_secret(const std::string& secret) {
  if (secret.empty()) return;
  std::lock_guard<std::mutex> lock(g_mutex);
  registered().insert(secret);
}

std::string mask_secrets(const std::string& text) {
  // Patterns catch passwords plumb was never told about, e.g. in a string
  // that failed to parse before its password could be registered.
  static const std::regex uri_password(R"(([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*):[^@\s]*@)");
  static const std::regex keyword_password(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+))",
                                           std::regex::icase);
  std::string masked = std::regex_replace(text, uri_password, "$1:****@");
  masked = std::regex_replace(masked, keyword_password, "$1****");
  std::lock_guard<std::mutex> lock(g_mutex);
  for (const auto& secret : registered()) replace_all(masked, secret, "****");
  return masked;
}

}  // namespace plumb
