// The family's copy as PDF: document/case_log.h rendered with cairo's PDF
// surface (Debian's libcairo2; text in DejaVu Sans via fontconfig, so æ ø å
// and Sami letters print). No PDF syntax is written by hand.
//
// Layout: A4 portrait, 50 pt margins; the title, reference and export
// date at the top; then the steps, the journal entries and the consent
// history, each line wrapped to the page width; "Side n" at the foot of
// every page. Text extracted with poppler's pdftotext reads in the same
// order as CaseLogJson lists it.
//
// Errors: a cairo failure (out of memory) throws std::runtime_error.
// Thread-safety: reentrant (each call has its own surface).
#ifndef STAFETT_DOCUMENT_PDF_H_
#define STAFETT_DOCUMENT_PDF_H_

#include <string>

#include "document/case_log.h"

namespace stafett::document {

// The PDF file's bytes.
std::string RenderCaseLogPdf(const CaseLog& log);

inline constexpr char kPdfContentType[] = "application/pdf";

}  // namespace stafett::document

#endif  // STAFETT_DOCUMENT_PDF_H_
