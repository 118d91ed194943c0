/** The one presenter a room may have (F0.6). */
package dev.roomcast.presenter.control;
