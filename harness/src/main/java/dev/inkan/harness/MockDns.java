package dev.inkan.harness;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DNS server on UDP and TCP, on the same port, answering from {@link DnsResponder}. It runs on event loops:
 * building an answer is in-memory work, no I/O.
 */
public final class MockDns {
    private static final Logger LOG = LoggerFactory.getLogger(MockDns.class);
    /** RFC 1035 §4.2.1: without EDNS a UDP answer holds at most 512 octets; longer ones are truncated (TC). */
    private static final int CLASSIC_UDP_SIZE = 512;
    private static final int TCP_IDLE_SECONDS = 10;
    private static final int EPHEMERAL_PORT_TRIES = 10;

    private final Vertx vertx;
    private final DnsResponder responder;
    private DatagramSocket udp;
    private NetServer tcp;

    MockDns(Vertx vertx, DnsResponder responder) {
        this.vertx = vertx;
        this.responder = responder;
    }

    /** Listens on host:port for UDP and TCP; port 0 picks a free port that is free for both. */
    Future<MockDns> listen(String host, int port) {
        return listen(host, port, port == 0 ? EPHEMERAL_PORT_TRIES : 1);
    }

    private Future<MockDns> listen(String host, int port, int triesLeft) {
        DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(host.contains(":")));
        return socket.listen(port, host)
                .compose(s -> {
                    s.handler(this::onDatagram);
                    int bound = s.localAddress().port();
                    return listenTcp(host, bound)
                            .map(server -> {
                                udp = s;
                                tcp = server;
                                return this;
                            })
                            .recover(err -> s.close().transform(v -> {
                                if (triesLeft > 1) {
                                    return listen(host, port, triesLeft - 1);
                                }
                                return Future.failedFuture(err);
                            }));
                });
    }

    private Future<NetServer> listenTcp(String host, int port) {
        NetServer server = vertx.createNetServer(new NetServerOptions().setIdleTimeout(TCP_IDLE_SECONDS));
        server.connectHandler(this::onTcpConnection);
        return server.listen(port, host);
    }

    public int port() {
        return udp.localAddress().port();
    }

    public String host() {
        return udp.localAddress().host();
    }

    public Future<Void> close() {
        Future<Void> u = udp == null ? Future.succeededFuture() : udp.close();
        Future<Void> t = tcp == null ? Future.succeededFuture() : tcp.close();
        return Future.all(u, t).mapEmpty();
    }

    private void onDatagram(DatagramPacket packet) {
        byte[] reply = reply(packet.data().getBytes(), true);
        if (reply != null) {
            udp.send(Buffer.buffer(reply), packet.sender().port(), packet.sender().host());
        }
    }

    private void onTcpConnection(NetSocket socket) {
        RecordParser parser = RecordParser.newFixed(2);
        parser.handler(new TcpFrames(parser, socket));
        socket.handler(parser);
    }

    /** RFC 1035 §4.2.2 / RFC 7766 §8: over TCP every message is preceded by its two-octet length. */
    private final class TcpFrames implements Handler<Buffer> {
        private final RecordParser parser;
        private final NetSocket socket;
        private boolean expectLength = true;

        TcpFrames(RecordParser parser, NetSocket socket) {
            this.parser = parser;
            this.socket = socket;
        }

        @Override
        public void handle(Buffer chunk) {
            if (expectLength) {
                int length = chunk.getUnsignedShort(0);
                if (length == 0) {
                    socket.close();
                    return;
                }
                expectLength = false;
                parser.fixedSizeMode(length);
                return;
            }
            expectLength = true;
            parser.fixedSizeMode(2);
            byte[] reply = reply(chunk.getBytes(), false);
            if (reply != null) {
                socket.write(Buffer.buffer().appendUnsignedShort(reply.length).appendBytes(reply));
            }
        }
    }

    private byte[] reply(byte[] request, boolean udpTransport) {
        Message query;
        try {
            query = new Message(request);
        } catch (IOException e) {
            return formatError(request);
        }
        Message response = responder.answer(query);
        if (!udpTransport) {
            return response.toWire();
        }
        OPTRecord opt = query.getOPT();
        int limit = opt == null ? CLASSIC_UDP_SIZE : Math.max(CLASSIC_UDP_SIZE, opt.getPayloadSize());
        // dnsjava sets TC and drops the sections that do not fit; the client then retries over TCP.
        return response.toWire(limit);
    }

    /** RFC 1035 §4.1.1: FORMERR for a message we could not parse, if it has at least an id to answer to. */
    private static byte[] formatError(byte[] request) {
        if (request.length < Header.LENGTH) {
            return null;
        }
        int id = ((request[0] & 0xff) << 8) | (request[1] & 0xff);
        Message response = new Message(id);
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        LOG.debug("answered FORMERR to an unparseable query, id {}", id);
        return response.toWire();
    }
}
