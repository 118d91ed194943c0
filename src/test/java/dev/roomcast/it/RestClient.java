package dev.roomcast.it;

import dev.roomcast.support.TestCredentials;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * A small JSON client for the REST API. It calls as the backend by default (the test servers' API
 * key); {@link #withoutCredentials()} and {@link #withBearer(String)} call as someone else.
 */
public final class RestClient {

  /** A response: status and parsed JSON body (null when empty). */
  public record Reply(int status, JsonStructure body) {
    public jakarta.json.JsonObject object() {
      return body.asJsonObject();
    }
  }

  private static final HttpClient PLAIN =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, String> AS_BACKEND =
      Map.of("Authorization", "Bearer " + TestCredentials.API_KEY);

  private final HttpClient http;
  private final URI base;
  private final Map<String, String> headers;

  /** A client that calls as the backend: it sends the test servers' API key (B10). */
  public RestClient(URI base) {
    this(PLAIN, base, AS_BACKEND);
  }

  /** A backend client of an {@code https://} base that trusts what {@code tls} trusts. */
  public RestClient(URI base, SSLContext tls) {
    this(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build(),
        base,
        AS_BACKEND);
  }

  private RestClient(HttpClient http, URI base, Map<String, String> headers) {
    this.http = http;
    this.base = base;
    this.headers = Map.copyOf(headers);
  }

  /** The same client without any credential (an anonymous caller). */
  public RestClient withoutCredentials() {
    Map<String, String> rest = new HashMap<>(headers);
    rest.remove("Authorization");
    return new RestClient(http, base, rest);
  }

  /** The same client with {@code Authorization: Bearer <credential>} (an API key or a token). */
  public RestClient withBearer(String credential) {
    return withHeader("Authorization", "Bearer " + credential);
  }

  /** The same client sending one more header (or another value of it) on every request. */
  public RestClient withHeader(String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new RestClient(http, base, more);
  }

  public Reply get(String path) {
    return send(request(path).GET());
  }

  /** A GET answered as it came: status, headers and text body (for headers and non-JSON bodies). */
  public HttpResponse<String> getRaw(String path) {
    try {
      return http.send(
          request(path).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Reply post(String path, String json) {
    return send(body(path, json).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply put(String path, String json) {
    return send(body(path, json).PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply patch(String path, String json) {
    return send(body(path, json).method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply delete(String path) {
    return send(request(path).DELETE());
  }

  private HttpRequest.Builder body(String path, String json) {
    return request(path).header("Content-Type", "application/json");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
    headers.forEach(request::header);
    return request;
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonStructure body =
          text == null || text.isBlank() ? null : Json.createReader(new StringReader(text)).read();
      return new Reply(response.statusCode(), body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
