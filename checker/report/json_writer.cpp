#include "report/json_writer.hpp"

#include <nlohmann/json.hpp>

namespace plumb {

void JsonWriter::indent() { m_out.append(2 * m_counts.size(), ' '); }

void JsonWriter::before_value() {
  if (m_after_key || m_counts.empty()) {
    m_after_key = false;
    return;
  }
  m_out += m_counts.back()++ == 0 ? "\n" : ",\n";
  indent();
}

void JsonWriter::key(const char* name) {
  m_out += m_counts.back()++ == 0 ? "\n" : ",\n";
  indent();
  m_out += '"';
  m_out += name;  // plumb's own member names: nothing to escape
  m_out += "\": ";
  m_after_key = true;
}

void JsonWriter::open(char bracket) {
  before_value();
  m_out += bracket;
  m_counts.push_back(0);
}

void JsonWriter::close(char bracket) {
  const size_t written = m_counts.back();
  m_counts.pop_back();
  if (written > 0) {
    m_out += '\n';
    indent();
  }
  m_out += bracket;
}

namespace {

// Printable ASCII without '"' or '\\': nlohmann writes it as it is.
bool needs_no_escaping(const std::string& text) {
  for (const char c : text)
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;  // bytes above 0x7E fail one test, char signed or not
  return true;
}

}  // namespace

void JsonWriter::value(const std::string& text) {
  before_value();
  if (needs_no_escaping(text)) {
    m_out += '"';
    m_out += text;
    m_out += '"';
    return;
  }
  // nlohmann's own escaping, so that control characters and non-ASCII text
  // come out as before, and text that is not UTF-8 is refused as before.
  m_out += nlohmann::json(text).dump();
}

void JsonWriter::value(long long number) {
  before_value();
  m_out += std::to_string(number);
}

void JsonWriter::value(size_t number) {
  before_value();
  m_out += std::to_string(number);
}

void JsonWriter::value(double number) {
  before_value();
  m_out += nlohmann::json(number).dump();  // "0.0", shortest round trip, null for NaN
}

void JsonWriter::value(bool flag) {
  before_value();
  m_out += flag ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  m_out += "null";
}

}  // namespace plumb
