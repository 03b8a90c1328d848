#include "core/pii_guard.h"

#include <algorithm>
#include <cstdint>

#include "core/national_id.h"

namespace stafett {
namespace {

// --- UTF-8 --------------------------------------------------------------

// Decodes the code point starting at `pos`; returns its byte length (1 for
// an invalid byte, decoded as U+FFFD, which is never a letter).
std::size_t DecodeAt(std::string_view s, std::size_t pos, char32_t* cp) {
  auto b = static_cast<unsigned char>(s[pos]);
  std::size_t len = b < 0x80           ? 1
                    : (b >> 5) == 0x6  ? 2
                    : (b >> 4) == 0xE  ? 3
                    : (b >> 3) == 0x1E ? 4
                                       : 0;
  if (len == 0 || pos + len > s.size()) {
    *cp = 0xFFFD;
    return 1;
  }
  char32_t v = len == 1 ? b : b & (0x7F >> len);
  for (std::size_t i = 1; i < len; ++i) {
    auto c = static_cast<unsigned char>(s[pos + i]);
    if ((c & 0xC0) != 0x80) {
      *cp = 0xFFFD;
      return 1;
    }
    v = (v << 6) | (c & 0x3F);
  }
  *cp = v;
  return len;
}

// The start of the code point that ends just before `pos` (> 0).
std::size_t PrevStart(std::string_view s, std::size_t pos) {
  std::size_t p = pos - 1;
  for (int i = 0;
       i < 3 && p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80;
       ++i) {
    --p;
  }
  char32_t cp;
  // A stray continuation byte stands alone.
  return p + DecodeAt(s, p, &cp) == pos ? p : pos - 1;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Letters that occur in names and addresses written in Norway: Latin with
// its extensions (Norwegian, Sami, most of Europe), Greek and Cyrillic.
bool IsLetter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  return (c >= 0x370 && c <= 0x52F && c != 0x37E && c != 0x387) ||
         (c >= 0x1E00 && c <= 0x1EFF);
}

bool IsAlnum(char32_t c) { return IsLetter(c) || (c >= '0' && c <= '9'); }

// --- E-mail ---------------------------------------------------------------

bool IsLocalChar(char32_t c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool IsDomainChar(char32_t c) { return IsAlnum(c) || c == '.' || c == '-'; }

// True when `domain` is two or more non-empty labels and the last is at
// least two letters (digits never end a real domain; they end sentences
// like "møte kl. 14@rom 2.3").
bool IsPlausibleDomain(std::string_view domain) {
  std::size_t labels = 0, start = 0;
  for (;;) {
    std::size_t dot = domain.find('.', start);
    std::string_view label = domain.substr(start, dot == std::string_view::npos
                                                      ? std::string_view::npos
                                                      : dot - start);
    if (label.empty()) return false;
    ++labels;
    if (dot == std::string_view::npos) {
      std::size_t letters = 0;
      for (std::size_t p = 0; p < label.size();) {
        char32_t cp;
        p += DecodeAt(label, p, &cp);
        if (!IsLetter(cp)) return false;
        ++letters;
      }
      return labels >= 2 && letters >= 2;
    }
    start = dot + 1;
  }
}

void FindEmails(std::string_view s, std::vector<PiiFinding>* out) {
  std::size_t from = 0;
  // End of the last address found: a local part never reaches back into it
  // ("a@b.no@c.no" is one finding, not two that overlap).
  std::size_t floor = 0;
  while (true) {
    std::size_t at = s.find('@', from);
    if (at == std::string_view::npos) return;
    from = at + 1;

    std::size_t begin = at;
    while (begin > floor) {
      std::size_t p = PrevStart(s, begin);
      char32_t cp;
      DecodeAt(s, p, &cp);
      if (!IsLocalChar(cp)) break;
      begin = p;
    }
    while (begin < at && s[begin] == '.') ++begin;  // "...ola@" in prose

    std::size_t end = at + 1;
    while (end < s.size()) {
      char32_t cp;
      std::size_t len = DecodeAt(s, end, &cp);
      if (!IsDomainChar(cp)) break;
      end += len;
    }
    // A sentence may end right after the address.
    while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) --end;

    if (begin == at || !IsPlausibleDomain(s.substr(at + 1, end - at - 1))) {
      continue;
    }
    out->push_back({PiiKind::kEmail, begin, end - begin, "e-postadresse"});
    from = end;
    floor = end;
  }
}

// --- Digit groups ---------------------------------------------------------

enum class Sep { kNone, kSpace, kDot, kHyphen };

// A maximal run of ASCII digits, and how it is joined to the previous one:
// by exactly one separator (space, NBSP, narrow NBSP, dot or hyphen) or not.
struct Group {
  std::size_t begin, end;
  Sep joined_to_prev = Sep::kNone;
  bool taken = false;  // part of a finding already
  std::size_t size() const { return end - begin; }
};

Sep SeparatorBetween(std::string_view gap) {
  if (gap == " " || gap == "\xC2\xA0" || gap == "\xE2\x80\xAF") {
    return Sep::kSpace;
  }
  if (gap == ".") return Sep::kDot;
  if (gap == "-") return Sep::kHyphen;
  return Sep::kNone;
}

std::vector<Group> DigitGroups(std::string_view s) {
  std::vector<Group> groups;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!IsAsciiDigit(s[i])) {
      ++i;
      continue;
    }
    Group g{i, i};
    while (g.end < s.size() && IsAsciiDigit(s[g.end])) ++g.end;
    if (!groups.empty()) {
      g.joined_to_prev = SeparatorBetween(
          s.substr(groups.back().end, g.begin - groups.back().end));
    }
    groups.push_back(g);
    i = g.end;
  }
  return groups;
}

// Marks digit groups inside earlier findings (e-mail addresses) as taken.
void TakeCovered(const std::vector<PiiFinding>& findings,
                 std::vector<Group>* groups) {
  for (auto& g : *groups) {
    for (const auto& f : findings) {
      if (g.begin < f.offset + f.length && f.offset < g.end) g.taken = true;
    }
  }
}

// --- National identity numbers ---------------------------------------------

// Whole digit groups, joined by any separator, that together hold 11 digits
// and validate. The check digits make false alarms rare, so any grouping is
// tried ("0101 70 123 45" included).
void FindNationalIds(std::string_view s, std::vector<Group>* groups,
                     std::vector<PiiFinding>* out) {
  auto& g = *groups;
  for (std::size_t i = 0; i < g.size(); ++i) {
    std::string digits;
    for (std::size_t j = i; j < g.size(); ++j) {
      if (g[j].taken || (j > i && g[j].joined_to_prev == Sep::kNone)) break;
      digits.append(s.substr(g[j].begin, g[j].size()));
      if (digits.size() > 11) break;
      if (digits.size() < 11) continue;
      auto id = ParseNationalId(digits);
      if (!id.ok()) break;
      out->push_back({PiiKind::kNationalId, g[i].begin, g[j].end - g[i].begin,
                      NationalIdKindDescription(id->kind)});
      for (std::size_t k = i; k <= j; ++k) g[k].taken = true;
      i = j;
      break;
    }
  }
}

// --- Phone numbers --------------------------------------------------------

bool IsDate(int y, int m, int d) {
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return d <= kDays[m - 1];
}

// "20260517" and "17052026" are dates in references and file names.
bool LooksLikeCompactDate(std::string_view d) {
  auto n = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (d[i] - '0');
    return v;
  };
  return IsDate(n(0, 4), n(4, 2), n(6, 2)) || IsDate(n(4, 4), n(2, 2), n(0, 2));
}

// A digit next to '.' or ',' that has a digit on its other side belongs to a
// decimal or dotted number ("0,23456789", "1.12345678").
bool InDottedNumber(std::string_view s, std::size_t begin, std::size_t end) {
  bool before = begin >= 2 && (s[begin - 1] == '.' || s[begin - 1] == ',') &&
                IsAsciiDigit(s[begin - 2]);
  bool after = end + 1 < s.size() && (s[end] == '.' || s[end] == ',') &&
               IsAsciiDigit(s[end + 1]);
  return before || after;
}

// The written groupings of a national number: 8 digits unbroken or in groups
// of 3-2-3, 2-2-2-2 or 4-4, the groups separated by single spaces.
struct Grouping {
  int sizes[4];
  int count;
  bool mobile_only;  // 4-4 also fits years ("2024 2025"); mobiles start 4/9
};
constexpr Grouping kGroupings[] = {
    {{3, 2, 3}, 3, false}, {{2, 2, 2, 2}, 4, false}, {{4, 4}, 2, true}};

bool JoinedFree(const std::vector<Group>& g, std::size_t i) {
  return !g[i].taken && g[i].joined_to_prev == Sep::kSpace;
}

void FindPhones(std::string_view s, std::vector<Group>* groups,
                std::vector<PiiFinding>* out) {
  auto& g = *groups;
  auto text = [&](std::size_t i) { return s.substr(g[i].begin, g[i].size()); };
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (g[i].taken) continue;
    bool plus = g[i].begin > 0 && s[g[i].begin - 1] == '+';
    std::size_t begin = g[i].begin - (plus ? 1 : 0);
    // The number proper starts in group `body`, `skip` digits in: after a
    // prefix group ("+47 ...", "0047 ...") or a prefix written onto the
    // number ("+4791234567", "+47912 34 567", "004791234567").
    std::size_t body = i, skip = 0;
    std::string_view prefix = plus ? "47" : "0047";
    if (text(i) == prefix && i + 1 < g.size() && JoinedFree(g, i + 1)) {
      body = i + 1;
    } else if (text(i).size() > prefix.size() &&
               text(i).substr(0, prefix.size()) == prefix) {
      skip = prefix.size();
    }
    bool prefixed = body != i || skip != 0;
    if (!prefixed) begin = g[i].begin;
    char first = s[g[body].begin + skip];
    if (first < '2' || first > '9') continue;
    std::size_t first_size = g[body].size() - skip;

    // One unbroken run of 8: a digit run of its own whatever its neighbours,
    // unless it is a decimal or, unprefixed, a date.
    if (first_size == 8 && !InDottedNumber(s, g[body].begin, g[body].end) &&
        (prefixed || !LooksLikeCompactDate(text(body)))) {
      out->push_back(
          {PiiKind::kPhone, begin, g[body].end - begin, "telefonnummer"});
      for (std::size_t k = i; k <= body; ++k) g[k].taken = true;
      i = body;
      continue;
    }
    // Grouped forms must stand alone: no further digit group joined on
    // either side, else "12 34 56 78 90" would yield a phone number.
    bool joined_before =
        !prefixed && g[i].joined_to_prev != Sep::kNone && !g[i - 1].taken;
    if (joined_before) continue;
    for (const auto& grouping : kGroupings) {
      std::size_t last = body + grouping.count - 1;
      if (last >= g.size()) continue;
      bool fits = first_size == std::size_t(grouping.sizes[0]);
      for (int k = 1; k < grouping.count && fits; ++k) {
        std::size_t gi = body + k;
        fits =
            g[gi].size() == std::size_t(grouping.sizes[k]) && JoinedFree(g, gi);
      }
      if (!fits) continue;
      if (grouping.mobile_only && !prefixed && first != '4' && first != '9') {
        continue;
      }
      if (last + 1 < g.size() && g[last + 1].joined_to_prev != Sep::kNone &&
          !g[last + 1].taken) {
        continue;
      }
      if (InDottedNumber(s, g[body].begin, g[last].end)) continue;
      out->push_back(
          {PiiKind::kPhone, begin, g[last].end - begin, "telefonnummer"});
      for (std::size_t k = i; k <= last; ++k) g[k].taken = true;
      i = last;
      break;
    }
  }
}

std::string JoinNorwegian(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " og " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace

const char* PiiKindName(PiiKind kind) {
  switch (kind) {
    case PiiKind::kNationalId:
      return "national_id";
    case PiiKind::kPhone:
      return "phone";
    case PiiKind::kEmail:
      return "email";
  }
  return "national_id";
}

std::vector<PiiFinding> ScanPii(std::string_view utf8_text) {
  std::vector<PiiFinding> findings;
  FindEmails(utf8_text, &findings);
  std::vector<Group> groups = DigitGroups(utf8_text);
  TakeCovered(findings, &groups);
  FindNationalIds(utf8_text, &groups, &findings);
  FindPhones(utf8_text, &groups, &findings);
  std::sort(findings.begin(), findings.end(),
            [](const PiiFinding& a, const PiiFinding& b) {
              return a.offset < b.offset;
            });
  return findings;
}

Status CheckFreeText(std::string_view text, const std::string& field) {
  std::vector<PiiFinding> findings = ScanPii(text);
  if (findings.empty()) return Status::Ok();
  std::vector<std::string> kinds;
  for (const auto& f : findings) {
    if (std::find(kinds.begin(), kinds.end(), f.description) == kinds.end()) {
      kinds.push_back(f.description);
    }
  }
  return Status::Pii("Teksten ser ut til å inneholde " + JoinNorwegian(kinds) +
                         ". Saker i Stafett er anonyme: fjern "
                         "personopplysningene og prøv igjen.",
                     field);
}

}  // namespace stafett
