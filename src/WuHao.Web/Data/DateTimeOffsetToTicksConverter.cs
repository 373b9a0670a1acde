using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WuHao.Web.Data;

/// <summary>Stores an instant as UTC ticks (SQLite only); read back as UTC.</summary>
public sealed class DateTimeOffsetToTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
