using Life.Grains.Hosting;

namespace Life.Grains.Tests.Hosting;

public sealed class ShardSlotsTests
{
    [Fact]
    public async Task A_shard_re_run_after_its_silo_died_gets_the_next_slot_before_calls_queued_earlier()
    {
        var slots = new ShardSlots(1);
        await slots.WaitAsync(rerun: false);
        var served = new List<string>();
        var first = Served(slots.WaitAsync(rerun: false), "ordinary 1", served);
        var second = Served(slots.WaitAsync(rerun: false), "ordinary 2", served);
        var rerun = Served(slots.WaitAsync(rerun: true), "re-run", served);
        Assert.Empty(served);

        // Each release hands the one slot to one waiter: the re-run first, then the others in order.
        slots.Release();
        await rerun;
        slots.Release();
        await first;
        slots.Release();
        await second;
        Assert.Equal(["re-run", "ordinary 1", "ordinary 2"], served);
    }

    [Fact]
    public async Task Slots_are_taken_without_waiting_until_all_are_in_use_and_a_release_with_no_waiter_frees_one()
    {
        var slots = new ShardSlots(2);
        Assert.True(slots.WaitAsync(rerun: false).IsCompletedSuccessfully);
        Assert.True(slots.WaitAsync(rerun: true).IsCompletedSuccessfully);
        var third = slots.WaitAsync(rerun: false);
        Assert.False(third.IsCompleted);

        slots.Release();
        await third;
        slots.Release();
        slots.Release();
        Assert.True(slots.WaitAsync(rerun: false).IsCompletedSuccessfully);
        Assert.True(slots.WaitAsync(rerun: false).IsCompletedSuccessfully);
        Assert.False(slots.WaitAsync(rerun: false).IsCompleted);
    }

    private static async Task Served(Task slot, string name, List<string> served)
    {
        await slot;
        lock (served)
        {
            served.Add(name);
        }
    }
}
