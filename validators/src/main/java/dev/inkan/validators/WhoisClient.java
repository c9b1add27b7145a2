package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Address;

/**
 * RFC 3912 WHOIS: connect, send the query and CRLF, read until the server closes (at most 256 KiB), within a timeout.
 * Host names are resolved with our resolver, never the system's. The referral starts at IANA (BR 3.2.2.4 / SC-080:
 * "query IANA's WHOIS server and follow referrals").
 */
final class WhoisClient {
    private static final int MAX_ANSWER = 256 * 1024;
    private static final Pattern REFER = Pattern.compile("(?m)^\\s*refer:\\s*(\\S+)\\s*$");
    private static final Pattern WHOIS = Pattern.compile("(?m)^\\s*whois:\\s*(\\S+)\\s*$");
    /** JPRS answers in ISO-2022-JP unless the query ends in /e. */
    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");

    private final Vertx vertx;
    private final NetClient client;
    private final HostAddresses addresses;
    private final RegistrantConfig config;

    WhoisClient(Vertx vertx, HostAddresses addresses, RegistrantConfig config) {
        this.vertx = vertx;
        this.addresses = addresses;
        this.config = config;
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis()));
    }

    /** @param server the server asked, and its answer */
    record Answer(String server, String text) {}

    /** IANA first, then the server it refers to; empty when IANA names none for the domain's TLD. */
    Future<Optional<Answer>> lookup(String domain) {
        return query(config.ianaHost(), config.ianaPort(), domain, StandardCharsets.UTF_8).compose(iana -> {
            Optional<String> server = referral(iana);
            if (server.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            Charset charset = server.get().toLowerCase(Locale.ROOT).endsWith("jprs.jp")
                    ? ISO_2022_JP : StandardCharsets.UTF_8;
            return query(server.get(), config.whoisPort(), domain, charset)
                    .map(text -> Optional.of(new Answer(server.get(), text)));
        });
    }

    static Optional<String> referral(String ianaAnswer) {
        Matcher m = REFER.matcher(ianaAnswer);
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        m = WHOIS.matcher(ianaAnswer);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    Future<String> query(String host, int port, String query, Charset charset) {
        return address(host).compose(address -> {
            Promise<String> answer = Promise.promise();
            long timer = vertx.setTimer(config.timeout().toMillis(), id -> answer.tryFail(new CaException(
                    ErrorKind.CONNECTION, "WHOIS " + host + ": no complete answer within "
                    + config.timeout().toMillis() + " ms")));
            client.connect(port, address.getHostAddress()).onComplete(ar -> {
                if (ar.failed()) {
                    answer.tryFail(new CaException(ErrorKind.CONNECTION, "WHOIS " + host + ":" + port
                            + ": connecting failed: " + ar.cause().getMessage()));
                    return;
                }
                Buffer received = Buffer.buffer();
                var socket = ar.result();
                socket.handler(chunk -> {
                    if (received.length() + chunk.length() > MAX_ANSWER) {
                        answer.tryFail(new CaException(ErrorKind.CONNECTION, "WHOIS " + host + ": answer too long"));
                        socket.close();
                        return;
                    }
                    received.appendBuffer(chunk);
                });
                socket.exceptionHandler(answer::tryFail);
                socket.endHandler(v -> answer.tryComplete(new String(received.getBytes(), charset)));
                socket.write(query + "\r\n");
            });
            return answer.future().onComplete(x -> vertx.cancelTimer(timer));
        });
    }

    private Future<InetAddress> address(String host) {
        byte[] literal = Address.toByteArray(host, Address.IPv4);
        if (literal == null) {
            literal = Address.toByteArray(host, Address.IPv6);
        }
        if (literal != null) {
            try {
                return Future.succeededFuture(InetAddress.getByAddress(literal));
            } catch (java.net.UnknownHostException e) {
                return Future.failedFuture(e);
            }
        }
        return addresses.resolve(host).map(r -> r.usable().get(0));
    }

    Future<Void> close() {
        return client.close();
    }
}
