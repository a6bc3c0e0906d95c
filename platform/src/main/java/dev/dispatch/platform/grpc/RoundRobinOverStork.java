package dev.dispatch.platform.grpc;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.grpc.api.ChannelBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;

/**
 * Every gRPC client that finds its instances through Stork ({@code name-resolver=stork}) spreads its calls with
 * grpc-java's own round_robin policy: Stork lists the instances (static list or DNS), grpc-java keeps one connection
 * to each, picks among the ready ones in turn and reconnects one that closed (a server ending it after its maximum
 * age, an instance restarting). The "stork" policy Quarkus would install instead never reconnects an instance whose
 * connection went idle while another is up, so after a few GOAWAYs all calls would go to one instance. The name
 * resolver's own service config (which names that policy) is ignored for the same reason. (Every Quarkus gRPC client
 * of ours is a grpc-java Netty channel; the Vert.x-based client is not used.)
 */
@Singleton
public class RoundRobinOverStork implements ChannelBuilderCustomizer<NettyChannelBuilder> {

    static final String STORK = "stork";

    @Override
    public Map<String, Object> customize(String name, GrpcClientConfiguration config, NettyChannelBuilder builder) {
        if (!STORK.equalsIgnoreCase(config.nameResolver())) {
            return Map.of();
        }
        builder.disableServiceConfigLookUp();
        return roundRobin();
    }

    /** The default service config: round_robin (Quarkus sets a default policy after this, which a service config overrides). */
    static Map<String, Object> roundRobin() {
        return Map.of("loadBalancingConfig", List.of(Map.of("round_robin", Map.of())));
    }
}
