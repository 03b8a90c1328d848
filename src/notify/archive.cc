// Archiver: one delivery of a case to its archive (notify/archive.h).
#include "notify/archive.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <Poco/Base64Encoder.h>

#include "core/json_writer.h"
#include "core/sha256.h"
#include "document/case_log.h"
#include "document/pdf.h"
#include "notify/message.h"
#include "store/lifecycle/archive.h"
#include "store/lifecycle/retention.h"

namespace stafett::notify {

namespace {

std::string Base64(const std::string& in) {
  std::ostringstream out;
  Poco::Base64Encoder enc(out);
  enc.rdbuf()->setLineLength(0);
  enc << in;
  enc.close();
  return out.str();
}

// Writes `data` to dir/name through a temporary file and a rename.
bool WriteFile(const std::filesystem::path& dir, const std::string& name,
               const std::string& data, std::string* error) {
  const std::filesystem::path tmp = dir / ("." + name + ".tmp");
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) {
      *error = "arkiv: kan ikke skrive i katalogen " + dir.string();
      return false;
    }
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
    f.close();
    if (!f) {
      *error = "arkiv: skrivingen til " + tmp.string() + " feilet";
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, dir / name, ec);
  if (ec) {
    *error = "arkiv: kan ikke gi filen navnet " + (dir / name).string() + ": " +
             ec.message();
    return false;
  }
  return true;
}

}  // namespace

Archiver::Archiver(store::CaseStore& cases, const Directory& directory,
                   SecretLookup secrets, WebhookSender* webhooks,
                   const Clock& clock)
    : cases_(cases),
      directory_(directory),
      secrets_(secrets ? std::move(secrets) : EnvironmentSecrets()),
      webhooks_(webhooks),
      clock_(clock) {}

SendResult Archiver::Deliver(const store::OutboxMessage& m) {
  const routine::ArchiveTarget target =
      store::PolicyFor(directory_.ForTenant(m.tenant), "").archive;
  if (!target.required()) {
    return {false, true,
            "arkiv: rutinen til «" + m.tenant +
                "» har ikke lenger retention.archive"};
  }
  std::optional<engine::Snapshot> snap = cases_.GetCase(m.tenant, m.case_id);
  if (!snap) return {false, true, "arkiv: saken finnes ikke lenger"};
  const TimePoint now = clock_.Now();
  auto routine = directory_.Pinned(m.tenant, snap->routine_hash);
  const document::CaseLog log = document::BuildCaseLog(
      *snap, cases_.Journal(m.tenant, m.case_id),
      cases_.StepVisits(m.tenant, m.case_id), routine.get(),
      document::ParseLang(target.language).value_or(document::Lang::kNb), now);
  const std::string pdf = document::RenderCaseLogPdf(log);
  const std::string hash = Sha256Hex(pdf);
  const std::string pdf_name = snap->reference + ".pdf";
  JsonWriter meta;
  meta.BeginObject()
      .Field("reference", snap->reference)
      .Field("routine", log.routine)
      .Field("status", log.status);
  if (snap->status == engine::CaseStatus::kClosed) {
    meta.Field("closed_at", FormatUtc(snap->step_entered_at));
  } else {
    meta.Key("closed_at").Null();
  }
  meta.Field("exported_at", FormatUtc(now))
      .Field("pdf_sha256", hash)
      .Field("pdf_file", pdf_name)
      .EndObject();
  const std::string metadata = meta.Take();

  std::string receipt;
  if (!target.directory.empty()) {
    const std::filesystem::path dir(target.directory);
    std::string error;
    if (!std::filesystem::is_directory(dir)) {
      return {false, false,
              "arkiv: katalogen " + target.directory + " finnes ikke"};
    }
    if (!WriteFile(dir, pdf_name, pdf, &error) ||
        !WriteFile(dir, snap->reference + ".json", metadata, &error)) {
      return {false, false, error};
    }
    receipt = "katalog " + (dir / pdf_name).string() + " sha256:" + hash;
  } else {
    auto secret = secrets_(target.webhook_secret_env);
    if (!secret) {
      return {false, true,
              "arkiv: miljøvariabelen " + target.webhook_secret_env +
                  " med hemmeligheten er ikke satt; Stafett sender aldri "
                  "usignerte webhooker"};
    }
    if (webhooks_ == nullptr) {
      return {false, true, "arkiv: webhooker er slått av"};
    }
    // The id and timestamp are inside the signed body, as in a
    // notification, so a receiver can refuse a replayed delivery.
    JsonWriter body;
    body.BeginObject()
        .Field("id", m.id)
        .Field("event", m.event)
        .Field("timestamp", FormatUtc(now))
        .Key("metadata")
        .Raw(metadata)
        .Field("pdf_base64", Base64(pdf));
    body.EndObject();
    const std::string text = body.Take();
    SendResult r = webhooks_->Post(
        target.webhook_url,
        {{"X-Stafett-Id", m.id},
         {"X-Stafett-Event", m.event},
         {"X-Stafett-Timestamp", FormatUtc(now)},
         {"X-Stafett-Signature", SignatureHeader(*secret, text)}},
        text);
    if (!r.ok) {
      r.error = "arkiv: " + r.error;
      return r;
    }
    receipt = "webhook " + target.webhook_url + " sha256:" + hash;
  }
  store::RecordArchived(cases_.database(), m.case_id, receipt, now);
  return {true, false, ""};
}

}  // namespace stafett::notify
