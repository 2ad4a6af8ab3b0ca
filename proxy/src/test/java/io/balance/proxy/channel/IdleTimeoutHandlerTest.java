package io.balance.proxy.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdleTimeoutHandlerTest {
    private final List<Object> events = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void channelWithTenMillisecondIdleTime() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new IdleTimeoutHandler(TimeUnit.MILLISECONDS.toNanos(10)), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void firesAfterTheIdleTimeAndAgainEachPeriod() {
        advance(9);
        assertThat(events).isEmpty();
        advance(1);
        assertThat(events).containsExactly(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        advance(10);
        assertThat(events).hasSize(2);
    }

    @Test
    void readsPostponeIt() {
        advance(8);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        advance(8);
        assertThat(events).isEmpty();
        advance(2);
        assertThat(events).hasSize(1);
    }

    @Test
    void writesPostponeIt() {
        advance(8);
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {1}));
        advance(8);
        assertThat(events).isEmpty();
        advance(2);
        assertThat(events).hasSize(1);
    }

    @Test
    void writesKeepTheirVoidPromise() {
        List<Boolean> voidPromises = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                voidPromises.add(promise.isVoid());
                ctx.write(msg, promise);
            }
        }, new IdleTimeoutHandler(TimeUnit.SECONDS.toNanos(1)));
        ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}), ch.voidPromise());
        assertThat(voidPromises).containsExactly(true);
        ch.finishAndReleaseAll();
    }

    @Test
    void nothingFiresOnceTheChannelIsClosed() {
        channel.close();
        advance(50);
        assertThat(events).noneMatch(IdleStateEvent.class::isInstance);
        assertThat(channel.runScheduledPendingTasks()).isEqualTo(-1);
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }
}
