package dev.dispatch.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;

class RoundRobinOverStorkTest {

    private final RoundRobinOverStork customizer = new RoundRobinOverStork();

    @Test
    void aStorkClientGetsRoundRobinAsItsServiceConfig() {
        Map<String, Object> config = customizer.customize("orders", resolvedBy("stork"), NettyChannelBuilder.forTarget("stork://order-service"));

        assertThat(config).isEqualTo(Map.of("loadBalancingConfig", List.of(Map.of("round_robin", Map.of()))));
    }

    @Test
    void anyOtherClientIsLeftAlone() {
        assertThat(customizer.customize("orders", resolvedBy("dns"), NettyChannelBuilder.forTarget("dns:///localhost:1"))).isEmpty();
    }

    private static GrpcClientConfiguration resolvedBy(String nameResolver) {
        return (GrpcClientConfiguration) Proxy.newProxyInstance(RoundRobinOverStorkTest.class.getClassLoader(),
                new Class<?>[] {GrpcClientConfiguration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("nameResolver")) {
                        return nameResolver;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
