// Binary encodings of the kernel's records and index entries (codec.hpp's
// Encoder/Decoder). Each record type has its own version number; decoders
// accept every version up to the current one.
#pragma once

#include "arctl/codec.hpp"
#include "arctl/journal.hpp"
#include "arctl/model.hpp"

namespace arctl::records {

Bytes encode(const Customer& c);
Customer decode_customer(BytesView v);

Bytes encode(const Document& d);
Document decode_document(BytesView v);

Bytes encode(const Application& a);
Application decode_application(BytesView v);

Bytes encode(const CustomerBalance& b);
CustomerBalance decode_balance(BytesView v);

Bytes encode(const JournalEntry& e);
JournalEntry decode_journal(BytesView v);
// What a journal entry's hash covers after the previous hash: the record's
// own bytes up to the two hashes, so that the payload is packed once and
// hashed where it lies.
Encoder journal_hashed_part(const JournalEntry& e);
// The record of `e`, setting e.hash on the way.
Bytes encode_and_hash(JournalEntry& e);

Bytes encode(const JournalHead& h);
JournalHead decode_head(BytesView v);

// Index keys.
Bytes doc_by_customer_key(const Document& d);
Bytes open_item_key(const Document& d);
Bytes open_item_prefix(std::string_view customer, int side);  // side -1: both
Bytes open_item_value(const Document& d);
// The same entry in the first format, without the discount date (`arctl
// check` accepts either).
Bytes open_item_value_v1(BytesView current);
OpenItem decode_open_item(BytesView key, BytesView value);
Bytes doc_by_ref_key(const Document& d);
Bytes app_by_doc_key(std::string_view doc, std::uint64_t app);
// changes_by_date: application 0 is the document's void.
Bytes change_key(Date date, std::string_view doc, std::uint64_t app);
Bytes change_value(Date issued, std::int64_t effect);
DatedChange decode_change(BytesView key, BytesView value);

}  // namespace arctl::records
