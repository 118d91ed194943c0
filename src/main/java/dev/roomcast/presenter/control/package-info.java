/** The one presenter a room may have (F0.6), and the presenter requests. */
package dev.roomcast.presenter.control;
