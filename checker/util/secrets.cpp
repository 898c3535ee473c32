#include "util/secrets.hpp"

#include <cctype>
#include <cstring>
#include <mutex>
#include <set>

namespace plumb {
namespace {

std::mutex g_mutex;
std::set<std::string>& registered() {
  static std::set<std::string> secrets;
  return secrets;
}

// Secrets shorter than this are masked only where they stand alone: a
// password of one letter inside every word ("databa****e") would make a
// message unreadable and hide nothing.
const size_t k_short_secret = 4;

bool is_word_character(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool stands_alone(const std::string& text, size_t at, size_t length) {
  return (at == 0 || !is_word_character(text[at - 1])) &&
         (at + length >= text.size() || !is_word_character(text[at + length]));
}

void mask_secret(std::string& text, const std::string& secret) {
  const bool whole_words_only = secret.size() < k_short_secret;
  for (size_t at = text.find(secret); at != std::string::npos;) {
    if (whole_words_only && !stands_alone(text, at, secret.size())) {
      at = text.find(secret, at + 1);
      continue;
    }
    text.replace(at, secret.size(), "****");
    at = text.find(secret, at + 4);
  }
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// What a password becomes: "****", or with `keep_length` as many '*' as
// it has characters when it is shorter than that, so the text never grows.
std::string stars(size_t length, bool keep_length) {
  return keep_length && length < k_short_secret ? std::string(length, '*') : "****";
}

// `scheme://user:password@host`: the password becomes ****. It runs to the
// last '@' before white space, so a password holding an unescaped '@'
// (which libpq would cut short) is masked whole.
std::string mask_uri_passwords(const std::string& text, bool keep_length) {
  std::string masked;
  size_t copied = 0;
  for (size_t at = text.find("://"); at != std::string::npos; at = text.find("://", at + 3)) {
    if (at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]))) continue;
    size_t colon = at + 3;
    while (colon < text.size() && text[colon] != ':' && text[colon] != '/' && text[colon] != '@' && !is_space(text[colon]))
      ++colon;
    if (colon >= text.size() || text[colon] != ':') continue;
    size_t stop = colon + 1;
    while (stop < text.size() && !is_space(text[stop])) ++stop;
    const size_t end = text.rfind('@', stop - 1);
    if (end == std::string::npos || end <= colon) continue;
    masked += text.substr(copied, colon + 1 - copied) + stars(end - colon - 1, keep_length);
    copied = end;
    at = end;
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
std::string mask_keyword_passwords(const std::string& text, bool keep_length) {
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
    masked += text.substr(copied, i - copied);
    copied = value_end(text, i);
    masked += stars(copied - i, keep_length);
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

std::string mask_connection_passwords(const std::string& text) {
  // Patterns catch passwords plumb was never told about, e.g. in a string
  // that failed to parse before its password could be registered. They are
  // scanned by hand: std::regex recurses per character and overflows the
  // stack on a long connection string.
  return mask_keyword_passwords(mask_uri_passwords(text, false), false);
}

std::string mask_secrets(const std::string& text) {
  std::string masked = mask_connection_passwords(text);
  std::lock_guard<std::mutex> lock(g_mutex);
  for (const auto& secret : registered()) mask_secret(masked, secret);
  return masked;
}

bool mask_connection_passwords_in_place(char* text) {
  const std::string original(text);
  const std::string masked = mask_keyword_passwords(mask_uri_passwords(original, true), true);
  if (masked == original) return false;
  // Padded with NUL bytes: /proc/PID/cmdline then shows empty words, not
  // the password's last characters.
  std::memset(text, '\0', original.size());
  std::memcpy(text, masked.data(), masked.size());
  return true;
}

}  // namespace plumb
