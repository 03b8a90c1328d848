#include "http/problem.h"

#include "core/json_writer.h"

namespace stafett::http {

int HttpStatusFor(Code code) {
  // The table. A switch without default: adding a Code without a row here is
  // a compiler warning (-Wswitch), not a silent 500.
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalidArgument:
      return 422;
    case Code::kBadRequest:
      return 400;
    case Code::kPiiFound:
      return 422;
    case Code::kNotFound:
      return 404;
    case Code::kNotAllowed:
      return 409;
    case Code::kStaleVersion:
      return 412;
    case Code::kVersionRequired:
      return 428;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kPayloadTooLarge:
      return 413;
    case Code::kUnsupportedMedia:
      return 415;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

const char* ProblemTitle(Code code) {
  switch (code) {
    case Code::kOk:
      return "OK";
    case Code::kInvalidArgument:
      return "Ugyldige opplysninger";
    case Code::kBadRequest:
      return "Forespørselen kan ikke leses";
    case Code::kPiiFound:
      return "Teksten inneholder personopplysninger";
    case Code::kNotFound:
      return "Finnes ikke";
    case Code::kNotAllowed:
      return "Ikke tillatt nå";
    case Code::kStaleVersion:
      return "Saken er endret av noen andre";
    case Code::kVersionRequired:
      return "Versjon mangler";
    case Code::kUnauthenticated:
      return "Ikke innlogget";
    case Code::kPermissionDenied:
      return "Ingen tilgang";
    case Code::kPayloadTooLarge:
      return "Forespørselen er for stor";
    case Code::kUnsupportedMedia:
      return "Feil innholdstype";
    case Code::kUnavailable:
      return "Tjenesten er midlertidig utilgjengelig";
    case Code::kInternal:
      return "Intern feil";
  }
  return "Intern feil";
}

std::string ProblemType(Code code) {
  return std::string("urn:stafett:problem:") + CodeName(code);
}

std::string ProblemJson(const Status& status, std::string_view request_id) {
  return ProblemJson(status, request_id, nullptr);
}

std::string ProblemJson(const Status& status, std::string_view request_id,
                        const std::function<void(JsonWriter&)>& extra) {
  // An ok Status here is a caller bug; answer it as the 500 it would be
  // rather than a problem body that claims success.
  Status s = status.ok() ? Status(Code::kInternal, "Intern feil.") : status;
  JsonWriter w;
  w.BeginObject()
      .Field("type", ProblemType(s.code()))
      .Field("title", ProblemTitle(s.code()))
      .Field("status", HttpStatusFor(s.code()))
      .Field("detail", s.message())
      .Field("code", CodeName(s.code()));
  if (!s.field().empty()) w.Field("field", s.field());
  if (!request_id.empty()) w.Field("request_id", request_id);
  if (extra) extra(w);
  w.EndObject();
  return w.Take();
}

std::string MethodNotAllowedJson(std::string_view method,
                                 std::string_view allow,
                                 std::string_view request_id) {
  JsonWriter w;
  w.BeginObject()
      .Field("type", "urn:stafett:problem:method_not_allowed")
      .Field("title", "Metoden støttes ikke")
      .Field("status", 405)
      .Field("detail", "Adressen støtter ikke " + std::string(method) +
                           ". Bruk en av: " + std::string(allow) + ".")
      .Field("code", "method_not_allowed")
      .Field("allow", allow);
  if (!request_id.empty()) w.Field("request_id", request_id);
  w.EndObject();
  return w.Take();
}

}  // namespace stafett::http
