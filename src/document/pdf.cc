// RenderCaseLogPdf: cairo's toy text API is enough here (one font, left
// aligned, no shaping beyond what DejaVu needs for Norwegian and Sami), and
// keeps the dependency to libcairo alone.
#include "document/pdf.h"

#include <stdexcept>

#include <cairo-pdf.h>
#include <cairo.h>

namespace stafett::document {

namespace {

constexpr double kWidth = 595.0;  // A4 in points
constexpr double kHeight = 842.0;
constexpr double kMargin = 50.0;
constexpr double kBody = 10.0;
constexpr double kLine = 14.0;

cairo_status_t Append(void* closure, const unsigned char* data,
                      unsigned int length) {
  static_cast<std::string*>(closure)->append(
      reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

class Writer {
 public:
  Writer(cairo_t* cr, const Words& words) : cr_(cr), words_(words) {}

  void Font(double size, bool bold) {
    cairo_select_font_face(
        cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
        bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
  }

  // One paragraph, wrapped at spaces (a word longer than the line is
  // broken where it must be).
  void Paragraph(const std::string& text, double indent = 0,
                 double size = kBody, bool bold = false) {
    Font(size, bold);
    const double width = kWidth - 2 * kMargin - indent;
    std::string line;
    std::size_t i = 0;
    while (i <= text.size()) {
      std::size_t end = text.find_first_of(" \n", i);
      if (end == std::string::npos) end = text.size();
      const std::string word = text.substr(i, end - i);
      const std::string candidate = line.empty() ? word : line + " " + word;
      if (!line.empty() && Width(candidate) > width) {
        Emit(line, indent, size);
        line = word;
      } else {
        line = candidate;
      }
      if (end < text.size() && text[end] == '\n') {
        Emit(line, indent, size);
        line.clear();
      }
      i = end + 1;
    }
    if (!line.empty()) Emit(line, indent, size);
  }

  void Heading(const std::string& text) {
    Space(kLine * 0.6);
    Paragraph(text, 0, 13, true);
    Space(kLine * 0.2);
  }

  void Space(double h) { y_ += h; }

  void Finish() { Footer(); }

 private:
  double Width(const std::string& s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr_, s.c_str(), &e);
    return e.x_advance;
  }

  void Emit(const std::string& line, double indent, double size) {
    const double step = size * 1.4;
    if (y_ + step > kHeight - kMargin - kLine) NewPage();
    y_ += step;
    cairo_move_to(cr_, kMargin + indent, y_);
    cairo_show_text(cr_, line.c_str());
  }

  void Footer() {
    cairo_save(cr_);
    Font(8, false);
    const std::string text =
        std::string(words_.page) + " " + std::to_string(page_);
    cairo_move_to(cr_, kMargin, kHeight - kMargin / 2);
    cairo_show_text(cr_, text.c_str());
    cairo_restore(cr_);
  }

  void NewPage() {
    Footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }

  cairo_t* cr_;
  const Words& words_;
  double y_ = kMargin;
  int page_ = 1;
};

std::string Period(const StepLine& s, const Words& w) {
  return OsloDay(s.entered_at) + " – " +
         (s.left_at ? OsloDay(*s.left_at) : std::string(w.now));
}

}  // namespace

std::string RenderCaseLogPdf(const CaseLog& log) {
  const Words& w = WordsFor(log.lang);
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(Append, &out, kWidth, kHeight);
  cairo_pdf_surface_set_metadata(
      surface, CAIRO_PDF_METADATA_TITLE,
      (std::string(w.title) + " " + log.reference).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
                                 "Stafett");
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  {
    Writer p(cr, w);
    p.Paragraph(std::string(w.title) + " " + log.reference, 0, 18, true);
    p.Space(4);
    p.Paragraph(std::string(w.reference) + ": " + log.reference);
    p.Paragraph(std::string(w.exported) + ": " + OsloDateTime(log.exported_at));
    p.Paragraph(std::string(w.routine) + ": " + log.routine);
    p.Paragraph(std::string(w.status) + ": " + log.status);
    p.Space(6);
    p.Paragraph(w.intro, 0, 9);

    p.Heading(w.steps);
    if (log.steps.empty()) p.Paragraph(w.none);
    for (const auto& s : log.steps) {
      p.Paragraph(s.step + " (" + Period(s, w) + ")", 0, kBody, true);
      std::string line = std::string(w.service) + ": " + s.service;
      if (!s.outcome.empty()) line += " – " + s.outcome;
      p.Paragraph(line, 12);
    }

    p.Heading(w.entries);
    if (log.entries.empty()) p.Paragraph(w.none);
    for (const auto& e : log.entries) {
      std::string head = OsloDateTime(e.at) + " " + e.what;
      p.Paragraph(head, 0, kBody, true);
      std::string where = e.service;
      if (!e.step.empty()) where += " – " + e.step;
      p.Paragraph(where, 12);
      if (!e.text.empty()) p.Paragraph(e.text, 12);
    }

    p.Heading(w.consents);
    if (log.consents.empty()) p.Paragraph(w.none);
    for (const auto& c : log.consents) {
      std::string line = OsloDateTime(c.at) + " " + c.what;
      if (!c.given_by.empty()) line += " (" + c.given_by + ")";
      p.Paragraph(line, 0, kBody, true);
      std::string scope;
      for (const auto& s : c.services) scope += (scope.empty() ? "" : ", ") + s;
      if (!c.valid_until.empty()) {
        scope += (scope.empty() ? "" : " ") + std::string(w.until) + " " +
                 c.valid_until;
      }
      if (!scope.empty()) p.Paragraph(scope, 12);
    }
    p.Finish();
  }
  cairo_show_page(cr);
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t surface_status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS ||
      surface_status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(
        std::string("cairo: ") +
        cairo_status_to_string(
            status != CAIRO_STATUS_SUCCESS ? status : surface_status));
  }
  return out;
}

}  // namespace stafett::document
