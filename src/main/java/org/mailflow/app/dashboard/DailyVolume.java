package org.mailflow.app.dashboard;

import org.mailflow.model.DayWindow;

/** The flyout's messages per day of {@code window} ({@code perDay[0]} is its first day). */
public record DailyVolume(DayWindow window, long[] perDay) {
}
