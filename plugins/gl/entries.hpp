// General-ledger entries derived from the AR journal: one balanced
// double-entry entry per kernel posting, void, assignment or application of
// unapplied cash, carrying the document and the journal sequence it came from.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accounts.hpp"
#include "arctl/journal.hpp"
#include "arctl/ledger.hpp"

namespace arctl::gl {

struct Posting {
  std::string account;
  std::int64_t minor = 0;  // debit positive, credit negative
};

struct Entry {
  Date date{};
  std::uint64_t seq = 0;       // the journal event it comes from (summary: the first)
  std::uint64_t last_seq = 0;  // summary entries: the last journal event summed
  std::uint64_t events = 1;    // summary entries: how many entries were summed
  std::string kind;            // invoice, receipt, ..., application, reversal, void, assignment
  std::string document;        // the document id (for applications: the receipt)
  std::string customer;
  std::string description;
  // Set when the entry posts on another date than its documents' (cash for
  // documents of a locked period, booked in the open one).
  std::optional<Date> document_date;
  Currency currency;
  std::vector<Posting> postings;  // sums to zero
};

// The journal events that carry GL postings, and the invoicing events that
// carry the lines of the document posted just before them.
bool is_gl_event(std::string_view type);
bool is_lines_event(std::string_view type);
// Whether a document.posted event of this kind may have a lines event.
bool may_have_lines(const JournalEntry& posted);

class EntryBuilder {
 public:
  EntryBuilder(Tx& tx, AccountMap& map) : tx_(tx), map_(map) {}
  // The entry for a GL event (`lines`: its invoicing lines event, if any), or
  // nothing when the event moves no GL account (an application of a credit
  // note). Error(kConflict) naming the document when it maps to no account.
  std::optional<Entry> build(const JournalEntry& event, const JournalEntry* lines);
  // The date an event is booked on.
  Date date_of(const JournalEntry& event);

 private:
  std::optional<Entry> build_entry(const JournalEntry& event, const JournalEntry* lines);
  Entry posting(const Json& doc, const Json* lines, Date date, std::uint64_t seq);
  void revenue_and_tax(Entry& e, const Json& doc, const Json* lines, std::int64_t sign);
  bool split_like(Entry& e, const std::string& source, const std::string& what, std::int64_t amount,
                  std::int64_t sign);
  std::optional<JournalEntry> lines_of(const Document& d);
  std::string customer_name(const std::string& id);

  Tx& tx_;
  AccountMap& map_;
  std::map<std::string, std::string, std::less<>> names_;  // customer id -> name
};

// Throws Error(kError) naming the entry if its postings do not sum to zero.
void check_balanced(const Entry& e);

}  // namespace arctl::gl
