// Model: what the application promises about a table, as the `models` part of
// a rules file states it (and `plumb models import --rails` writes it). Pure
// values: comparing them with the catalog is done by the checks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/source_location.hpp"

namespace plumb {

// How a uniqueness rule treats NULL in its columns.
enum class NullSemantics {
  // A row with NULL in any rule column is not constrained: PostgreSQL's
  // default for unique indexes, and Rails' `allow_nil: true`.
  distinct,
  // NULL compares equal to NULL: Rails' validation without allow_nil, and
  // PostgreSQL 15's `NULLS NOT DISTINCT`.
  not_distinct,
};

// One uniqueness rule of a model: no two rows (where `condition` holds) have
// equal values in all of `columns`.
struct UniquenessRule {
  std::vector<std::string> columns;                // order does not matter
  std::vector<std::string> case_insensitive;       // columns compared as lower(col)
  std::optional<std::string> condition;            // SQL boolean expression; the rule holds only where true
  NullSemantics nulls = NullSemantics::not_distinct;  // as Rails compares (docs/rules.md)
  // Rails' allow_nil: a row whose value in one of these columns IS NULL is
  // never rejected (whatever `nulls` says for the other columns).
  std::vector<std::string> skip_when_null;
  // Rails' allow_blank: nor a row whose value is NULL or blank ('' or only
  // whitespace) in one of these columns; implies skip_when_null.
  std::vector<std::string> skip_when_blank;
  // App code the database cannot mirror (Rails' if:/unless:/on:, or a
  // condition plumb could not translate), as written: the rule is compared
  // as if unconditional and every finding about it quotes this.
  std::optional<std::string> conditional;
  std::string origin;                              // where the app declares it, e.g. "app/models/member.rb:12"
  SourceLocation location;                         // where the rules file states it
};

struct Model {
  std::string name;              // the application's name for it, e.g. "InvitationLogEntry"
  std::string schema = "public";
  std::string table;
  std::vector<UniquenessRule> unique;
  SourceLocation location;       // where the rules file states it
};

}  // namespace plumb
