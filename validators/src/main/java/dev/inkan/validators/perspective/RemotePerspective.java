package dev.inkan.validators.perspective;

import dev.inkan.core.model.CaaResult;
import dev.inkan.core.port.CaaChecker.CaaRequest;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import dev.inkan.core.port.ValidationAuthority.ValidationRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** The primary's client for one remote perspective: each call can be cancelled once the quorum is decided. */
public final class RemotePerspective {
    private final Vertx vertx;
    private final HttpClient client;
    private final RemoteConfig remote;
    private final Duration timeout;

    RemotePerspective(Vertx vertx, HttpClient client, RemoteConfig remote, Duration timeout) {
        this.vertx = vertx;
        this.client = client;
        this.remote = remote;
        this.timeout = timeout;
    }

    /** A call under way: who was asked (and in which RIR region), its result, and how to abandon it. */
    record Call<T>(String perspective, String region, Future<T> result, Runnable cancel) {}

    String name() {
        return remote.name();
    }

    String url() {
        return remote.url();
    }

    Call<ValidationOutcome> validate(ValidationRequest request) {
        return post(PerspectiveWire.VALIDATE, PerspectiveWire.of(request), PerspectiveWire::validationOutcome);
    }

    Call<CaaResult> caa(CaaRequest request) {
        return post(PerspectiveWire.CAA, PerspectiveWire.of(request), PerspectiveWire::caaResult);
    }

    private <T> Call<T> post(String path, JsonObject body, Function<JsonObject, T> read) {
        Promise<T> result = Promise.promise();
        HttpClientRequest[] inFlight = new HttpClientRequest[1];
        Runnable cancel = () -> {
            if (result.tryFail("cancelled") && inFlight[0] != null) {
                inFlight[0].reset();
            }
        };
        long timer = vertx.setTimer(timeout.toMillis(), id -> {
            if (result.tryFail(new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                    && inFlight[0] != null) {
                inFlight[0].reset();
            }
        });
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(remote.url() + path).putHeader("Content-Type", "application/json");
        client.request(options)
                .compose(req -> {
                    inFlight[0] = req;
                    return req.send(body.toBuffer());
                })
                .compose(resp -> resp.statusCode() == 200
                        ? resp.body()
                        : Future.failedFuture("HTTP " + resp.statusCode()))
                .map(buf -> read.apply(buf.toJsonObject()))
                .onComplete(ar -> {
                    vertx.cancelTimer(timer);
                    if (ar.succeeded()) {
                        result.tryComplete(ar.result());
                    } else {
                        result.tryFail(ar.cause());
                    }
                });
        return new Call<>(remote.name(), remote.region(), result.future(), cancel);
    }
}
