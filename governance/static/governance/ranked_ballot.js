/* A ranked ballot the member orders by dragging or with buttons, never by typing numbers
   (templates/governance/_ranked_ballot.html). The rank inputs the server reads stay in the form,
   hidden, and are rewritten after every change, so the post is the one a member would type without
   this script and the server's checks stay the only ones. Every move is read out. */
(function () {
  "use strict";

  function children(list) {
    return Array.prototype.filter.call(list.children, function (node) {
      return node.classList.contains("rank-item");
    });
  }

  function rankInput(item) {
    return item.querySelector("input");
  }

  function position(item) {
    return Number(item.dataset.position);
  }

  function setUp(widget) {
    var ranked = widget.querySelector('[data-rank-list="ranked"]');
    var unranked = widget.querySelector('[data-rank-list="unranked"]');
    var unrankedHeading = widget.querySelector("#unranked-heading");
    var status = widget.querySelector("[data-rank-status]");
    var empty = widget.querySelector("[data-rank-empty]");
    var noneLeft = widget.querySelector("[data-rank-none-left]");
    var drag = null;

    function say(key, item) {
      var list = children(ranked);
      var text = (widget.dataset["text" + key] || "")
        .replace("%(name)s", item.dataset.name)
        .replace("%(rank)s", String(list.indexOf(item) + 1))
        .replace("%(count)s", String(list.length));
      // The same words twice in a row are not read again unless the region's text changes.
      status.textContent = status.textContent === text ? text + "\u00a0" : text;
    }

    function refresh() {
      var list = children(ranked);
      list.forEach(function (item, index) {
        item.querySelector(".rank-number").textContent = String(index + 1);
        rankInput(item).value = String(index + 1);
        item.querySelector('[data-rank-action="up"]').setAttribute("aria-disabled", String(index === 0));
        item.querySelector('[data-rank-action="down"]').setAttribute("aria-disabled", String(index === list.length - 1));
      });
      children(unranked).forEach(function (item) {
        item.querySelector(".rank-number").textContent = "";
        rankInput(item).value = "";
      });
      empty.hidden = list.length > 0;
      noneLeft.hidden = children(unranked).length > 0;
    }

    // Unranked choices stay in ballot order, so that leaving one out never looks like a preference.
    function putUnranked(item) {
      var after = children(unranked).filter(function (other) {
        return other !== item && position(other) > position(item);
      })[0];
      if (item.parentNode !== unranked || item.nextElementSibling !== (after || null)) {
        unranked.insertBefore(item, after || null);
      }
    }

    function focusAction(item, action) {
      item.querySelector('[data-rank-action="' + action + '"]').focus();
    }

    function move(item, step) {
      var list = children(ranked);
      var index = list.indexOf(item);
      var other = list[index + step];
      if (!other) {
        say(step < 0 ? "First" : "Last", item);
        return;
      }
      // The neighbour moves rather than the item, so the focused button never leaves the page.
      ranked.insertBefore(other, step < 0 ? item.nextElementSibling : item);
      refresh();
      say("Moved", item);
    }

    function add(item) {
      var rest = children(unranked);
      var index = rest.indexOf(item);
      var next = rest[index + 1] || rest[index - 1];
      ranked.appendChild(item);
      refresh();
      say("Added", item);
      // Ranking several in a row: the focus stays among those left to rank.
      focusAction(next || item, next ? "add" : "up");
    }

    function remove(item) {
      putUnranked(item);
      refresh();
      say("Removed", item);
      focusAction(item, "add");
    }

    widget.addEventListener("click", function (event) {
      var button = event.target.closest("[data-rank-action]");
      if (!button || !widget.contains(button)) {
        return;
      }
      var item = button.closest(".rank-item");
      var action = button.dataset.rankAction;
      if (action === "up") {
        move(item, -1);
      } else if (action === "down") {
        move(item, 1);
      } else if (action === "add") {
        add(item);
      } else if (action === "remove") {
        remove(item);
      }
    });

    // Dragging: a mouse takes the whole row, a finger or pen only the handle, so that a phone
    // still scrolls when the page is swiped elsewhere.
    widget.addEventListener("pointerdown", function (event) {
      var item = event.target.closest(".rank-item");
      if (drag || !item || event.button !== 0 || event.target.closest("button")) {
        return;
      }
      if (event.pointerType !== "mouse" && !event.target.closest(".rank-grip")) {
        return;
      }
      drag = {
        item: item,
        pointer: event.pointerId,
        x: event.clientX,
        y: event.clientY,
        moving: false,
        from: item.parentNode,
        home: item.parentNode,
        next: item.nextElementSibling
      };
      item.setPointerCapture(event.pointerId);
    });

    function place(y) {
      var item = drag.item;
      if (y >= unrankedHeading.getBoundingClientRect().top) {
        putUnranked(item);
        return;
      }
      var before = children(ranked).filter(function (other) {
        var box = other.getBoundingClientRect();
        return other !== item && y < box.top + box.height / 2;
      })[0] || null;
      if (item.parentNode !== ranked || item.nextElementSibling !== before) {
        ranked.insertBefore(item, before);
      }
    }

    function follow(y) {
      var item = drag.item;
      item.style.transform = "";
      var top = item.getBoundingClientRect().top;
      item.style.transform = "translateY(" + Math.round(y - drag.grab - top) + "px)";
    }

    widget.addEventListener("pointermove", function (event) {
      if (!drag || event.pointerId !== drag.pointer) {
        return;
      }
      if (!drag.moving) {
        if (Math.abs(event.clientX - drag.x) < 5 && Math.abs(event.clientY - drag.y) < 5) {
          return;
        }
        drag.moving = true;
        drag.grab = drag.y - drag.item.getBoundingClientRect().top;
        drag.item.classList.add("is-dragging");
        widget.classList.add("is-sorting");
      }
      event.preventDefault();
      if (event.clientY < 48) {
        window.scrollBy(0, -16);
      } else if (event.clientY > window.innerHeight - 48) {
        window.scrollBy(0, 16);
      }
      place(event.clientY);
      refresh();
      follow(event.clientY);
    });

    function finish(keep) {
      var item = drag.item;
      var moved = drag.moving;
      var from = drag.from;
      if (item.hasPointerCapture(drag.pointer)) {
        item.releasePointerCapture(drag.pointer);
      }
      if (!keep && moved) {
        drag.home.insertBefore(item, drag.next);
      }
      drag = null;
      item.style.transform = "";
      item.classList.remove("is-dragging");
      widget.classList.remove("is-sorting");
      if (!moved) {
        return;
      }
      refresh();
      if (!keep) {
        return;
      }
      if (item.parentNode === ranked) {
        say(from === ranked ? "Moved" : "Added", item);
      } else if (from === ranked) {
        say("Removed", item);
      }
    }

    widget.addEventListener("pointerup", function (event) {
      if (drag && event.pointerId === drag.pointer) {
        finish(true);
      }
    });
    widget.addEventListener("pointercancel", function (event) {
      if (drag && event.pointerId === drag.pointer) {
        finish(false);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (drag && event.key === "Escape") {
        finish(false);
      }
    });

    widget.querySelectorAll("[data-rank-nojs]").forEach(function (node) {
      node.hidden = true;
    });
    widget.querySelectorAll("[data-rank-js]").forEach(function (node) {
      node.hidden = false;
    });
    widget.classList.add("is-enhanced");
    // The server lists a refused ballot in the member's order; a page the browser restored keeps
    // its typed ranks instead, so the ranks decide and the page order breaks ties.
    var all = children(ranked);
    all.filter(function (item) {
      return rankInput(item).value.trim() !== "";
    }).sort(function (a, b) {
      var ra = parseInt(rankInput(a).value, 10);
      var rb = parseInt(rankInput(b).value, 10);
      ra = isNaN(ra) ? Infinity : ra;
      rb = isNaN(rb) ? Infinity : rb;
      return ra === rb ? all.indexOf(a) - all.indexOf(b) : ra - rb;
    }).forEach(function (item) {
      ranked.appendChild(item);
    });
    all.forEach(function (item) {
      if (rankInput(item).value.trim() === "") {
        putUnranked(item);
      }
    });
    refresh();
  }

  function setUpAll() {
    document.querySelectorAll("[data-ranked-ballot]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
