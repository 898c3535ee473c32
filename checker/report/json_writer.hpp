// JsonWriter: JSON text written as it is produced, laid out exactly as
// nlohmann::json's dump(2) lays out the same document (two-space indent,
// `"key": value`, `[]` and `{}` when empty), so that reports keep their bytes
// without building a tree first: building and freeing the tree of a lint
// report of 1,500 findings took a fifth of the run.
#pragma once

#include <string>
#include <vector>

namespace plumb {

class JsonWriter {
 public:
  // Appends to `out`.
  explicit JsonWriter(std::string& out) : m_out(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // The next member's name. nlohmann sorts an object's members by name:
  // callers give them in that order.
  void key(const char* name);

  void value(const std::string& text);  // escaped as nlohmann escapes (invalid UTF-8 throws)
  void value(const char* text) { value(std::string(text)); }
  void value(long long number);
  void value(int number) { value(static_cast<long long>(number)); }
  void value(size_t number);
  void value(double number);
  void value(bool flag);
  void null();

 private:
  void open(char bracket);
  void close(char bracket);
  // Before a value: the separator and indent an array element needs (a
  // member's were written by key()).
  void before_value();
  void indent();

  std::string& m_out;
  std::vector<size_t> m_counts;  // members or elements written so far, per open level
  bool m_after_key = false;
};

}  // namespace plumb
