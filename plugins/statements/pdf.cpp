// Statements as PDF through libharu: A4 pages, the standard Helvetica font in
// WinAnsi encoding, a lines table that continues on new pages with its header
// repeated, "Page n of m" footers, and totals, aging and the remittance slip
// after the last line.
#include <hpdf.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "arctl/error.hpp"
#include "render.hpp"

namespace arctl::statements {
namespace {

struct HaruError {
  HPDF_STATUS code = 0, detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* e = static_cast<HaruError*>(user);
  if (e->code == 0) *e = {code, detail};
}

// UTF-8 to Windows-1252 for the standard fonts; what it cannot show becomes '?'.
std::string to_winansi(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0)
      len = 4, cp = c & 0x07;
    else if (c >= 0xE0)
      len = 3, cp = c & 0x0F;
    else if (c >= 0xC0)
      len = 2, cp = c & 0x1F;
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (cp == 0x20AC)
      out += static_cast<char>(0x80);  // euro sign
    else if (cp >= 0x20 && cp < 0x7F)
      out += static_cast<char>(cp);
    else if (cp >= 0xA0 && cp <= 0xFF)
      out += static_cast<char>(cp);
    else
      out += '?';
  }
  return out;
}

constexpr float kLeft = 40, kRight = 555, kTop = 800, kBottom = 60, kRow = 14;
// Column x positions: date, type, and the least x of document and reference
// (further right when a type or a document id is wider), then the right
// edges of debit, credit and balance.
constexpr float kColDate = kLeft, kColType = 100, kColDoc = 170, kColRef = 280;
constexpr float kColDebit = 420, kColCredit = 488, kColBalance = kRight;
constexpr float kGap = 8;

class Writer {
 public:
  Writer() : pdf_(HPDF_New(on_error, &err_)) {
    if (!pdf_) fail(ErrorKind::kError, "cannot start a PDF document");
    HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL);
    font_ = HPDF_GetFont(pdf_, "Helvetica", "WinAnsiEncoding");
    bold_ = HPDF_GetFont(pdf_, "Helvetica-Bold", "WinAnsiEncoding");
    mono_ = HPDF_GetFont(pdf_, "Courier", "WinAnsiEncoding");
  }
  ~Writer() { HPDF_Free(pdf_); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void new_page() {
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    pages_.push_back(page_);
    y_ = kTop;
  }
  // Moves down one row of `height`; false when the page is full.
  bool room(float height) const { return y_ - height >= kBottom; }
  void down(float h) { y_ -= h; }
  float y() const { return y_; }

  void text(float x, std::string_view s, float size = 9, bool bold = false) {
    const auto t = to_winansi(s);
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, bold ? bold_ : font_, size);
    HPDF_Page_TextOut(page_, x, y_, t.c_str());
    HPDF_Page_EndText(page_);
  }
  // A line of a plain-text letter, in a fixed-width font so that its columns stay aligned.
  void mono(float x, std::string_view s, float size) {
    const auto t = to_winansi(s);
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, mono_, size);
    HPDF_Page_TextOut(page_, x, y_, t.c_str());
    HPDF_Page_EndText(page_);
  }
  void right(float x, std::string_view s, float size = 9, bool bold = false) {
    const auto t = to_winansi(s);
    HPDF_Page_SetFontAndSize(page_, bold ? bold_ : font_, size);
    const float w = HPDF_Page_TextWidth(page_, t.c_str());
    text(x - w, s, size, bold);
  }
  // The width of `s` in points at `size` in the regular font.
  float width(std::string_view s, float size = 9) const {
    const auto t = to_winansi(s);
    HPDF_Page_SetFontAndSize(page_, font_, size);
    return HPDF_Page_TextWidth(page_, t.c_str());
  }
  void rule(bool dashed = false) {
    if (dashed) {
      const HPDF_UINT16 dash[] = {3, 3};
      HPDF_Page_SetDash(page_, dash, 2, 0);
    }
    HPDF_Page_SetLineWidth(page_, 0.5);
    HPDF_Page_MoveTo(page_, kLeft, y_ + 10);
    HPDF_Page_LineTo(page_, kRight, y_ + 10);
    HPDF_Page_Stroke(page_);
    if (dashed) HPDF_Page_SetDash(page_, nullptr, 0, 0);
  }
  void footers(const std::string& label) {
    for (std::size_t i = 0; i < pages_.size(); ++i) {
      page_ = pages_[i];
      y_ = 30;
      text(kLeft, label, 8);
      right(kRight, "Page " + std::to_string(i + 1) + " of " + std::to_string(pages_.size()), 8);
    }
  }
  std::string save() {
    HPDF_SaveToStream(pdf_);
    std::string out(HPDF_GetStreamSize(pdf_), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
    HPDF_ReadFromStream(pdf_, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    out.resize(size);
    if (err_.code != 0)
      fail(ErrorKind::kError, "PDF library error 0x" + std::to_string(err_.code) + " (detail " +
                                  std::to_string(err_.detail) + ")");
    return out;
  }
  void title(const std::string& t) {
    HPDF_SetInfoAttr(pdf_, HPDF_INFO_TITLE, to_winansi(t).c_str());
  }

 private:
  HaruError err_;
  HPDF_Doc pdf_;
  HPDF_Font font_ = nullptr, bold_ = nullptr, mono_ = nullptr;
  HPDF_Page page_ = nullptr;
  std::vector<HPDF_Page> pages_;
  float y_ = kTop;
};

// Where the document and reference columns start and how wide a reference
// may be before it wraps: ids are never cut, they push the columns right.
struct Columns {
  float doc = kColDoc, ref = kColRef, ref_width = 0;
};

Columns columns_for(const Writer& w, const Statement& s) {
  Columns c;
  float type = w.width("Type"), doc = w.width("Document"), debit = w.width("Debit");
  for (const auto& l : s.lines) {
    type = std::max(type, w.width(l.type));
    doc = std::max(doc, w.width(l.document));
    if (l.debit) debit = std::max(debit, w.width(money_str(l.debit, s.currency)));
  }
  c.doc = kColType + type + kGap;
  c.ref = std::max(kColRef, c.doc + doc + kGap);
  c.ref_width = std::max(kColDebit - debit - kGap - c.ref, 40.0f);
  return c;
}

// One printed line of a reference and its font size.
struct Piece {
  std::string text;
  float size = 9;
};

// `s` in lines no wider than `width`, broken at spaces. A word wider than a
// line gets a line of its own in a smaller type (down to kMinSize); only a
// word too wide even then is broken between characters. Nothing is cut.
std::vector<Piece> wrap(const Writer& w, std::string_view s, float width) {
  constexpr float kSize = 9, kMinSize = 6;
  std::vector<Piece> lines(1);
  auto fits = [&](const std::string& t) { return w.width(t, kSize) <= width; };
  std::size_t i = 0;
  while (i < s.size()) {
    const auto end = std::min(s.find(' ', i), s.size());
    const std::string word(s.substr(i, end - i));
    i = end + 1;
    auto& last = lines.back().text;
    const auto joined = last.empty() ? word : last + " " + word;
    if (fits(joined)) {
      last = joined;
      continue;
    }
    if (!last.empty()) lines.emplace_back();
    const float size = kSize * width / w.width(word, kSize);
    if (size >= kMinSize) {
      lines.back() = {word, size};
      lines.emplace_back();
      continue;
    }
    for (char ch : word) {
      if (!lines.back().text.empty() && w.width(lines.back().text + ch, kMinSize) > width)
        lines.emplace_back();
      lines.back().text += ch;
      lines.back().size = kMinSize;
    }
  }
  if (lines.size() > 1 && lines.back().text.empty()) lines.pop_back();
  return lines;
}

void table_header(Writer& w, const Columns& c) {
  w.text(kColDate, "Date", 9, true);
  w.text(kColType, "Type", 9, true);
  w.text(c.doc, "Document", 9, true);
  w.text(c.ref, "Reference", 9, true);
  w.right(kColDebit, "Debit", 9, true);
  w.right(kColCredit, "Credit", 9, true);
  w.right(kColBalance, "Balance", 9, true);
  w.down(4);
  w.rule();
  w.down(kRow);
}

}  // namespace

std::string statement_pdf(const Statement& s) {
  const auto cur = code(s.currency);
  auto m = [&](std::int64_t v) { return money_str(v, s.currency); };
  Writer w;
  w.title("Statement of account " + s.customer.id + " " + format_date(s.to));
  w.new_page();
  if (!s.company_name.empty()) {
    w.text(kLeft, s.company_name, 14, true);
    w.down(16);
  }
  if (!s.company_address.empty()) {
    w.text(kLeft, s.company_address, 9);
    w.down(14);
  }
  w.text(kLeft, "STATEMENT OF ACCOUNT", 16, true);
  w.down(22);
  w.text(kLeft, s.customer.name + " (" + s.customer.id + ")", 11, true);
  w.down(14);
  w.text(kLeft,
         "Period " + format_date(s.from) + " to " + format_date(s.to) + "    Currency " + cur);
  w.down(24);
  const auto cols = columns_for(w, s);
  table_header(w, cols);
  w.text(kColDate, format_date(s.from - std::chrono::days(1)));
  w.text(kColType, "Opening balance");
  w.right(kColBalance, m(s.opening));
  w.down(kRow);
  for (const auto& l : s.lines) {
    const auto refs = wrap(w, l.reference, cols.ref_width);
    if (!w.room(kRow * static_cast<float>(refs.size()))) {
      w.new_page();
      w.text(kLeft, "Statement " + s.customer.id + " " + format_date(s.to) + " (continued)", 9);
      w.down(20);
      table_header(w, cols);
    }
    w.text(kColDate, format_date(l.date));
    w.text(kColType, l.type);
    w.text(cols.doc, l.document);
    if (l.debit) w.right(kColDebit, m(l.debit));
    if (l.credit) w.right(kColCredit, m(l.credit));
    w.right(kColBalance, m(l.balance));
    for (const auto& r : refs) {
      w.text(cols.ref, r.text, r.size);
      w.down(kRow);
    }
  }
  // Totals, aging and the slip stay together on one page.
  const float tail = kRow * (6 + static_cast<float>(s.aging.size())) + 150;
  if (!w.room(tail)) w.new_page();
  w.down(4);
  w.rule();
  w.text(kColType, "Closing balance", 10, true);
  w.right(kColBalance, m(s.closing) + " " + cur, 10, true);
  w.down(kRow * 2);
  w.text(kLeft, "Aging as of " + format_date(s.to), 10, true);
  w.down(kRow);
  for (std::size_t i = 0; i < s.aging.size(); ++i) {
    w.text(kLeft, s.bucket_labels[i]);
    w.right(200, m(s.aging[i]));
    w.down(kRow);
  }
  w.down(kRow);
  w.rule(true);
  w.text(kLeft, "Please detach and return this slip with your payment", 8);
  w.down(kRow * 1.5f);
  w.text(kLeft, "REMITTANCE", 12, true);
  w.down(kRow * 1.3f);
  w.text(kLeft, "Customer: " + s.customer.name + " (" + s.customer.id + ")");
  w.down(kRow);
  w.text(kLeft, "Statement date: " + format_date(s.to));
  w.down(kRow);
  w.text(kLeft, "Amount due: " + m(std::max<std::int64_t>(s.closing, 0)) + " " + cur, 9, true);
  w.down(kRow);
  w.text(kLeft, "Amount enclosed: ______________");
  w.down(kRow);
  if (!s.remit_to.empty()) w.text(kLeft, "Remit to: " + s.remit_to);
  w.footers("Statement " + s.customer.id + " " + format_date(s.to));
  return w.save();
}

std::string letter_pdf(const std::string& title, const std::string& text) {
  // 9-point Courier: a character is 5.4 points wide, so the page's 515
  // points hold 95 columns; a longer line wraps at that width.
  constexpr float kSize = 9, kLine = 11;
  constexpr std::size_t kColumns = 95;
  Writer w;
  w.title(title);
  w.new_page();
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    do {
      if (!w.room(kLine)) w.new_page();
      // Cut at a character boundary: a UTF-8 continuation byte never starts a piece.
      std::size_t cut = std::min(line.size(), kColumns);
      while (cut < line.size() && cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
        --cut;
      w.mono(kLeft, line.substr(0, cut), kSize);
      w.down(kLine);
      line.remove_prefix(cut);
    } while (!line.empty());
    if (end == text.size()) break;
    start = end + 1;
  }
  w.footers(title);
  return w.save();
}

}  // namespace arctl::statements
