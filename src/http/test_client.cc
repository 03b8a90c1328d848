#include "http/test_client.h"

#include <sstream>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

namespace stafett::http::testing {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(c));
  return s;
}

}  // namespace

std::string Reply::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

Poco::JSON::Object::Ptr Reply::Json() const {
  try {
    Poco::JSON::Parser p;
    auto v = p.parse(body);
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
      return v.extract<Poco::JSON::Object::Ptr>();
    }
  } catch (const Poco::Exception&) {
  }
  return nullptr;
}

std::string Reply::Str(const std::string& key) const {
  auto o = Json();
  if (!o || !o->has(key) || !o->get(key).isString()) return "";
  return o->get(key).extract<std::string>();
}

long long Reply::Int(const std::string& key) const {
  auto o = Json();
  if (!o || !o->has(key) || !o->get(key).isInteger()) return -1;
  return o->get(key).convert<long long>();
}

Reply Client::Call(const std::string& method, const std::string& path,
                   const Headers& headers, const std::string& body,
                   const std::string& content_type) const {
  Reply reply;
  try {
    Poco::Net::HTTPClientSession session("127.0.0.1", port_);
    session.setTimeout(Poco::Timespan(60, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST") {
      if (!content_type.empty()) req.setContentType(content_type);
      req.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    std::ostream& out = session.sendRequest(req);
    out << body;
    Poco::Net::HTTPResponse resp;
    std::istream& in = session.receiveResponse(resp);
    reply.status = resp.getStatus();
    for (const auto& [k, v] : resp) reply.headers[Lower(k)] = v;
    std::ostringstream buf;
    Poco::StreamCopier::copyStream(in, buf);
    reply.body = buf.str();
  } catch (const Poco::Exception& e) {
    reply.status = 0;
    reply.error = e.displayText();
  }
  return reply;
}

Reply Client::Get(const std::string& path, const std::string& token) const {
  Headers h;
  if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
  return Call("GET", path, h);
}

Reply Client::Post(const std::string& path, const std::string& token,
                   const std::string& body, Headers extra) const {
  if (!token.empty()) extra.emplace_back("Authorization", "Bearer " + token);
  return Call("POST", path, extra, body);
}

Reply Client::Raw(const std::string& bytes) const {
  Reply reply;
  try {
    Poco::Net::StreamSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", port_));
    socket.setReceiveTimeout(Poco::Timespan(60, 0));
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
      int n = socket.sendBytes(p, static_cast<int>(left));
      if (n <= 0) break;
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    socket.shutdownSend();
    std::string all;
    char buf[4096];
    while (true) {
      int n = socket.receiveBytes(buf, sizeof buf);
      if (n <= 0) break;
      all.append(buf, static_cast<std::size_t>(n));
    }
    // "HTTP/1.1 413 Reason\r\nHeaders\r\n\r\nbody" (first response only).
    if (all.rfind("HTTP/1.", 0) != 0) {
      reply.error = "no HTTP response: " + all.substr(0, 80);
      return reply;
    }
    reply.status = std::stoi(all.substr(9, 3));
    std::size_t head_end = all.find("\r\n\r\n");
    std::size_t line = all.find("\r\n") + 2;
    while (line < head_end) {
      std::size_t eol = all.find("\r\n", line);
      std::string h = all.substr(line, eol - line);
      std::size_t colon = h.find(':');
      if (colon != std::string::npos) {
        std::string v = h.substr(colon + 1);
        while (!v.empty() && v.front() == ' ') v.erase(0, 1);
        reply.headers[Lower(h.substr(0, colon))] = v;
      }
      line = eol + 2;
    }
    std::string rest =
        head_end == std::string::npos ? "" : all.substr(head_end + 4);
    std::size_t len = rest.size();
    if (auto cl = reply.headers.find("content-length");
        cl != reply.headers.end()) {
      len = std::min<std::size_t>(len, std::stoul(cl->second));
    }
    reply.body = rest.substr(0, len);
  } catch (const Poco::Exception& e) {
    reply.error = e.displayText();
  }
  return reply;
}

}  // namespace stafett::http::testing
