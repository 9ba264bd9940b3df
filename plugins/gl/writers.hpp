// Writing GL entries as a ledger or hledger journal, a beancount file, CSV
// (one row per posting line, for an ERP's journal import) or JSON Lines.
#pragma once

#include <iosfwd>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "entries.hpp"

namespace arctl::gl {

enum class Syntax { kLedger, kHledger, kBeancount, kCsv, kJsonl };
Syntax parse_syntax(std::string_view s);  // Error(kUsage) naming the choices
const char* to_string(Syntax s);
const char* extension(Syntax s);  // ".journal", ".ledger", ".beancount", ".csv", ".jsonl"

class Writer {
 public:
  // `accounts` and `currencies`: what the entries can use, declared up front
  // in the plain-text formats (a currency met later is declared before its
  // first entry); `title`: comment lines saying what the export covers.
  Writer(std::ostream& out, Syntax syntax);
  void begin(const std::vector<std::string>& accounts, const std::set<std::string>& currencies,
             const std::vector<std::string>& title);
  void entry(const Entry& e);

 private:
  void text_entry(const Entry& e);
  void beancount_entry(const Entry& e);
  void csv_entry(const Entry& e);
  void jsonl_entry(const Entry& e);

  std::ostream& out_;
  Syntax syntax_;
  std::set<std::string> declared_;
};

// The id an entry carries in CSV and JSONL: "arctl-SEQ" for a document entry,
// "DATE/CURRENCY" for a summary entry.
std::string entry_id(const Entry& e);

}  // namespace arctl::gl
