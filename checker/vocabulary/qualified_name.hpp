// QualifiedName: the name of a table (or another relation) as a person
// writes it in a rules file, a flag or a Rails model: `name` or
// `schema.name`, where either part may be double-quoted to hold a dot, a
// quote or capitals ("Sales.2024"."Orders"). The one place such text is split.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace plumb {

struct QualifiedName {
  // Absent when the text names no schema: the caller decides what that means
  // (data rules leave it to the search path, schema kinds read `public`).
  std::optional<std::string> schema;
  std::string name;

  // Reads `name` or `schema.name`. A part that opens with a double quote
  // keeps what the quotes hold, dots included ("" is one quote); a bare part
  // is taken as written, quotes included (not folded to lower case, as plumb
  // always has). Throws InputError,
  // without a location (the caller knows the key or flag), when the text is
  // empty, has an empty part, an unclosed quote, text after a closing quote,
  // or more than two parts.
  static QualifiedName parse(const std::string& text);

  // The schema, or `fallback` when the text named none.
  std::string schema_or(const std::string& fallback) const { return schema.value_or(fallback); }

  // Each part in double quotes, inner quotes doubled ("public"."members"):
  // safe to put into SQL that runs, whatever the name holds.
  std::string quoted() const;

  // As a person reads it: `public.members`; a part is quoted only when it
  // would not read back as itself (it holds a dot, opens with a quote, or
  // is empty).
  std::string to_string() const;

  bool operator==(const QualifiedName& other) const { return schema == other.schema && name == other.name; }
};

// The dot-separated parts of `text`, each unquoted, for names of more than
// two parts (an orphans rule's `schema.table.column`). Throws InputError as
// QualifiedName::parse does, but accepts any number of parts.
std::vector<std::string> split_name_parts(const std::string& text);

// `name` in double quotes, inner quotes doubled: for SQL that runs.
std::string sql_identifier(const std::string& name);

// Each of `names` as sql_identifier quotes it, joined with ", ".
std::string sql_identifiers(const std::vector<std::string>& names);

// `name` bare when it is a plain lower-case identifier that is no keyword
// PostgreSQL reserves in any way (as its own quote_ident decides: `order`,
// `user` and `int` are quoted, the unreserved `action` is not), otherwise
// double-quoted: for the SQL shown in fixes, which a person reads and may
// paste. SQL that plumb runs uses sql_identifier, which needs no parser.
std::string quote_identifier(const std::string& name);

}  // namespace plumb
