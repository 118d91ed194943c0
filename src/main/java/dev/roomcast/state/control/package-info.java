/** Where roomcast keeps shared state: one store interface, one implementation per backend. */
package dev.roomcast.state.control;
