// Is there an X display to render on? Kept apart: Xlib's macros (None, Bool, Status …)
// clash with other headers.
#include <X11/Xlib.h>

#include <cstdlib>
#include <string>

#include "taifeng/viz/render.hpp"

namespace taifeng::viz {

bool display_available(std::string* why) {
  const auto fail = [&](const std::string& reason) {
    if (why != nullptr) *why = reason;
    return false;
  };
  const char* name = std::getenv("DISPLAY");
  if (name == nullptr || *name == '\0')
    return fail("DISPLAY is not set (run under xvfb-run -a for off-screen rendering)");
  Display* display = XOpenDisplay(name);
  if (display == nullptr) return fail(std::string("cannot open X display '") + name + "'");
  int opcode = 0, event = 0, error = 0;
  const bool glx = XQueryExtension(display, "GLX", &opcode, &event, &error) != 0;
  // The connection stays open for the life of the process: an X server (Xvfb by default)
  // resets when its last client leaves, and VTK connecting during that reset gets "bad X
  // server connection" and aborts. Holding one client keeps the server from resetting.
  static Display* keep_alive = nullptr;
  if (keep_alive == nullptr && glx)
    keep_alive = display;
  else
    XCloseDisplay(display);
  if (!glx) return fail(std::string("X display '") + name + "' has no GLX extension");
  return true;
}

}  // namespace taifeng::viz
