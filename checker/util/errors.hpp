// The error hierarchy of plumb's core. Each class is what the caller does next:
// InputError means "fix your input" (exit 2), RuntimeFailure means "something
// outside failed, maybe retry later" (exit 3), LockBusy means "another runner
// is at work" (exit 4). Each layer adds context and re-throws.
#pragma once

#include <stdexcept>
#include <string>

#include "util/source_location.hpp"

namespace plumb {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad flags, rules files, migration files or connection strings. Thrown before
// the database is touched.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(message), m_message(message) {}

  // "file:line:column: message", then the offending line and a caret under
  // the column when `source_line` is given.
  InputError(const SourceLocation& where, const std::string& message,
             const std::string& source_line = "");

  // Where the input is wrong; unknown (empty file) when the message says it all.
  const SourceLocation& where() const { return m_where; }
  // What is wrong, without the location and the quoted line: for a caller
  // that adds context (a line and caret, a flag's name) and throws again.
  const std::string& message() const { return m_message; }

 private:
  SourceLocation m_where;
  std::string m_message;
};

// The server could not be reached, a statement failed, a timeout fired.
class RuntimeFailure : public Error {
 public:
  using Error::Error;
};

// Another plumb runner holds the lock this one needs.
class LockBusy : public RuntimeFailure {
 public:
  using RuntimeFailure::RuntimeFailure;
};

}  // namespace plumb
