#include "util/secrets.hpp"

#include <cctype>
#include <mutex>
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

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// `scheme://user:password@host`: the password becomes ****.
std::string mask_uri_passwords(const std::string& text) {
  std::string masked;
  size_t copied = 0;
  for (size_t at = text.find("://"); at != std::string::npos; at = text.find("://", at + 3)) {
    if (at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]))) continue;
    size_t colon = at + 3;
    while (colon < text.size() && text[colon] != ':' && text[colon] != '/' && text[colon] != '@' && !is_space(text[colon]))
      ++colon;
    if (colon >= text.size() || text[colon] != ':') continue;
    size_t end = colon + 1;
    while (end < text.size() && text[end] != '@' && !is_space(text[end])) ++end;
    if (end >= text.size() || text[end] != '@') continue;
    masked += text.substr(copied, colon + 1 - copied) + "****";
    copied = end;
  }
  // Appended in place: `masked + text.substr(copied)` made two more copies
  // of a whole report (a plan of 1.5 million statements is 200 MB).
  masked.append(text, copied, std::string::npos);
  return masked;
}

// The end of the value that starts at `start`: a single-quoted value (with
// backslash escapes) through its closing quote, else up to white space.
size_t value_end(const std::string& text, size_t start) {
  if (text[start] == '\'') {
    for (size_t i = start + 1; i < text.size(); ++i) {
      if (text[i] == '\\') ++i;
      else if (text[i] == '\'') return i + 1;
    }
  }
  size_t end = start;
  while (end < text.size() && !is_space(text[end])) ++end;
  return end;
}

// Where the word "password", in any case, starts at or after `from`. Found
// in place: lowercasing a copy of a report of many megabytes cost more than
// rendering it.
size_t find_password_word(const std::string& text, size_t from) {
  static const char k_word[] = "password";
  const size_t length = sizeof k_word - 1;
  for (size_t at = from; at + length <= text.size(); ++at) {
    size_t i = 0;
    while (i < length && std::tolower(static_cast<unsigned char>(text[at + i])) == k_word[i]) ++i;
    if (i == length) return at;
  }
  return std::string::npos;
}

// `password = value` (any case): the value becomes ****.
std::string mask_keyword_passwords(const std::string& text) {
  std::string masked;
  size_t copied = 0;
  for (size_t at = find_password_word(text, 0); at != std::string::npos; at = find_password_word(text, at + 1)) {
    if (at < copied) continue;
    size_t i = at + 8;
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size() || text[i] != '=') continue;
    ++i;
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size()) continue;
    masked += text.substr(copied, i - copied) + "****";
    copied = value_end(text, i);
  }
  // Appended in place: `masked + text.substr(copied)` made two more copies
  // of a whole report (a plan of 1.5 million statements is 200 MB).
  masked.append(text, copied, std::string::npos);
  return masked;
}

}  // namespace

void register_secret(const std::string& secret) {
  if (secret.empty()) return;
  std::lock_guard<std::mutex> lock(g_mutex);
  registered().insert(secret);
}

std::string mask_secrets(const std::string& text) {
  // Patterns catch passwords plumb was never told about, e.g. in a string
  // that failed to parse before its password could be registered. They are
  // scanned by hand: std::regex recurses per character and overflows the
  // stack on a long connection string.
  std::string masked = mask_keyword_passwords(mask_uri_passwords(text));
  std::lock_guard<std::mutex> lock(g_mutex);
  for (const auto& secret : registered()) replace_all(masked, secret, "****");
  return masked;
}

}  // namespace plumb
