// The auditors' lineage page. Plain browser JavaScript, no framework and no build step: it asks
// the gateway's /graphql for the lineage and draws it with DOM calls. Every text that comes from
// a schema or a publisher is set with textContent, never as HTML: descriptions, messages and
// override reasons are written by agencies, and this page must not run what they write.
(function () {
  'use strict';

  var OVERVIEW_QUERY =
    'query LineageOverview { lineageOverview { registryAvailable supergraphSequence composedAt notes ' +
    'agencies { name title legalBasis contact subgraphs { name url currentVersion ' +
    'types { name fields { coordinate name returnType personalDataCategory identityClaim source { system operation field } } } } } } }';

  var FIELD_QUERY =
    'query SchemaLineage($coordinate: String!) { schemaLineage(coordinate: $coordinate) { coordinate returnType notes ' +
    'owners { subgraph agency agencyTitle personalDataCategory identityClaim source { system operation field } } ' +
    'introducedIn { ...VersionRef } ' +
    'changes { scope criticality changeType message coordinate relation version { ...VersionRef } } } } ' +
    'fragment VersionRef on SchemaVersionRef { subgraph sequence publishedAt publisher overrideReason }';

  // Why a change is listed under a field: it may sit beside or around it rather than on it.
  var RELATION_LABELS = {
    FIELD: 'this field',
    ARGUMENT_OR_DIRECTIVE: 'an argument or directive of this field',
    PARENT_TYPE: 'the type holding this field',
    RETURN_TYPE: 'the type this field returns',
  };

  // Type.field, as GraphQL names are spelled; anything else in the address is refused plainly.
  var COORDINATE = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/;

  var classification = window.SATU_LINEAGE_CLASSIFICATION;
  var state = { token: '', fieldIndex: [], containers: [], openRequest: 0, openCoordinate: null };

  function byId(id) {
    return document.getElementById(id);
  }

  /** A DOM element with attributes and children (strings become text nodes, null is skipped). */
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === 'text') node.textContent = value;
      else if (name === 'className') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function groupOf(category) {
    if (!category) return classification.noneGroup;
    // A category this page does not know yet (a newer enum value) still counts as personal data.
    return classification.categoryGroup[category] || 'records';
  }

  function classificationBadge(category) {
    var group = groupOf(category);
    return el('span', { className: 'badge cls-' + group, title: groupLabel(group), text: category || 'none' });
  }

  function groupLabel(id) {
    var found = classification.groups.filter(function (group) { return group.id === id; })[0];
    return found ? found.label : id;
  }

  function claimBadge(attribute) {
    return attribute ? el('span', { className: 'claim', title: "This field is the agency's copy of an identity attribute; the crosscheck compares it with the civil registry", text: 'identity claim: ' + attribute }) : null;
  }

  function formatTime(iso) {
    var date = new Date(iso);
    if (!iso || isNaN(date.getTime())) return el('span', { text: iso || 'unknown time' });
    var text = date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    return el('time', { datetime: iso, title: iso, text: text });
  }

  function versionLabel(ref) {
    return ref.subgraph + ' v' + ref.sequence;
  }

  // ---- talking to the gateway ------------------------------------------------------------

  function initialToken() {
    var params = new URLSearchParams(window.location.search);
    var token = params.get('token');
    if (token === null) return '';
    // Keep the token out of the address bar, the history and bookmarks once it has been read.
    params.delete('token');
    var rest = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : '') + window.location.hash);
    return token.trim();
  }

  /** One GraphQL request. Resolves { data, errors }; rejects with a readable Error for network and HTTP failures. */
  function graphql(query, variables) {
    var headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (state.token) headers.authorization = 'Bearer ' + state.token;
    return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify({ query: query, variables: variables || {} }) })
      .catch(function (error) {
        throw new Error('The gateway could not be reached (' + error.message + ').');
      })
      .then(function (response) {
        return response.text().then(function (text) {
          var body = null;
          try {
            body = JSON.parse(text);
          } catch (ignored) {
            body = null;
          }
          if (!body || typeof body !== 'object' || (!('data' in body) && !Array.isArray(body.errors))) {
            throw new Error('The gateway answered HTTP ' + response.status + ' without a GraphQL result: ' + text.slice(0, 200));
          }
          return { data: body.data || null, errors: Array.isArray(body.errors) ? body.errors : [], status: response.status };
        });
      });
  }

  function describeError(error) {
    var code = error && error.extensions && error.extensions.code;
    var text = (error && error.message) || String(error);
    if (code) text += ' [' + code + ']';
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') text += ' Enter a bearer token with access to the lineage above.';
    return text;
  }

  /** A visible list of what went wrong; errors are never swallowed. */
  function errorBox(title, messages) {
    return el('div', { className: 'error', role: 'alert' }, [
      el('strong', { text: title }),
      el('ul', {}, messages.map(function (message) { return el('li', { text: message }); })),
    ]);
  }

  // ---- the overview ----------------------------------------------------------------------

  function renderLegend() {
    var legend = byId('legend');
    legend.textContent = '';
    legend.appendChild(el('h2', { className: 'legend-title', text: 'Classification' }));
    var list = el('ul', { className: 'legend-list' });
    classification.groups.forEach(function (group) {
      var categories = group.categories.length ? group.categories.join(', ') : 'untagged';
      list.appendChild(
        el('li', { className: 'legend-item' }, [
          el('span', { className: 'swatch cls-' + group.id, 'aria-hidden': 'true' }),
          el('span', {}, [el('strong', { text: group.label }), ' ', el('span', { className: 'meta', text: categories + ' · ' + group.note })]),
        ]),
      );
    });
    legend.appendChild(list);
  }

  function showNotice(node) {
    var notice = byId('notice');
    notice.textContent = '';
    if (!node) {
      notice.hidden = true;
      return;
    }
    notice.appendChild(node);
    notice.hidden = false;
  }

  function renderMeta(overview) {
    var meta = byId('supergraph-meta');
    meta.textContent = '';
    if (overview.supergraphSequence !== null && overview.supergraphSequence !== undefined) {
      meta.appendChild(document.createTextNode('Supergraph #' + overview.supergraphSequence + ', composed '));
      meta.appendChild(formatTime(overview.composedAt));
    } else {
      // Served from a file, or composed outside the registry (a demo rewrites URLs): the notes say which.
      meta.appendChild(document.createTextNode('The served supergraph has no number in the registry.'));
    }
    if (!overview.registryAvailable) {
      meta.appendChild(el('span', { className: 'warning', text: ' The registry is unavailable: versions and history cannot be shown.' }));
    }
    renderNotes(byId('overview-notes'), overview.notes);
  }

  /** The gateway's caveats (where tags were read from, why the registry is missing), shown as given. */
  function renderNotes(container, notes) {
    container.textContent = '';
    container.hidden = !notes || !notes.length;
    if (container.hidden) return;
    container.appendChild(el('strong', { text: 'Notes' }));
    container.appendChild(el('ul', {}, notes.map(function (note) { return el('li', { text: note }); })));
  }

  function fieldButton(field) {
    var source = field.source ? 'Source: ' + field.source.system + ' · ' + field.source.operation + ' · ' + field.source.field : 'No @source';
    return el('button', { type: 'button', className: 'field cls-' + groupOf(field.personalDataCategory), 'data-coordinate': field.coordinate, 'aria-pressed': 'false', title: source }, [
      el('span', { className: 'field-label' }, [el('span', { className: 'field-name', text: field.name }), ' ', el('span', { className: 'field-type', text: field.returnType })]),
      classificationBadge(field.personalDataCategory),
      claimBadge(field.identityClaim),
    ]);
  }

  function renderOverview(overview) {
    var root = byId('agencies');
    root.textContent = '';
    state.fieldIndex = [];
    state.containers = [];
    if (!overview.agencies.length) {
      root.appendChild(el('p', { className: 'empty', text: 'The lineage lists no agency.' }));
    }
    overview.agencies.forEach(function (agency) {
      var agencyNode = el('section', { className: 'agency', 'data-agency': agency.name, 'aria-label': agency.title }, [
        el('h2', {}, [agency.title + ' ', el('span', { className: 'name', text: agency.name })]),
        agencyFacts(agency),
      ]);
      agency.subgraphs.forEach(function (subgraph) {
        var version = subgraph.currentVersion === null || subgraph.currentVersion === undefined ? 'no version' : 'v' + subgraph.currentVersion;
        var subgraphNode = el('div', { className: 'subgraph', 'data-subgraph': subgraph.name }, [
          el('h3', {}, ['subgraph ' + subgraph.name + ' ', el('span', { className: 'version', text: version }), ' ', el('code', { className: 'url', text: subgraph.url })]),
        ]);
        var typesNode = el('div', { className: 'types' });
        // A type with no field of this subgraph (an empty `type Query`) has nothing to audit.
        var types = subgraph.types.filter(function (type) { return type.fields.length > 0; });
        if (!types.length) subgraphNode.appendChild(el('p', { className: 'empty', text: 'This subgraph declares no field.' }));
        types.forEach(function (type) {
          var list = el('ul', { className: 'fields' });
          var typeNode = el('div', { className: 'type', 'data-type': type.name }, [el('h4', { text: type.name }), list]);
          type.fields.forEach(function (field) {
            var button = fieldButton(field);
            var item = el('li', {}, [button]);
            list.appendChild(item);
            state.fieldIndex.push({
              coordinate: field.coordinate,
              personal: Boolean(field.personalDataCategory),
              haystack: [field.coordinate, field.name, type.name, subgraph.name, agency.name, agency.title].join(' ').toLowerCase(),
              button: button,
              item: item,
              typeNode: typeNode,
              subgraphNode: subgraphNode,
              agencyNode: agencyNode,
            });
          });
          typesNode.appendChild(typeNode);
          state.containers.push(typeNode);
        });
        subgraphNode.appendChild(typesNode);
        agencyNode.appendChild(subgraphNode);
        state.containers.push(subgraphNode);
      });
      root.appendChild(agencyNode);
      state.containers.push(agencyNode);
    });
    root.appendChild(el('p', { id: 'no-match', className: 'empty', hidden: true, text: 'No field matches the filter.' }));
    root.setAttribute('aria-busy', 'false');
    applyFilter();
    markSelected();
    var selected = state.fieldIndex.filter(function (entry) { return entry.coordinate === state.openCoordinate; })[0];
    if (selected) selected.button.scrollIntoView({ block: 'nearest' });
  }

  function agencyFacts(agency) {
    var facts = [];
    if (agency.legalBasis) facts.push(el('span', {}, ['Legal basis: ', el('span', { className: 'value', text: agency.legalBasis })]));
    if (agency.contact) facts.push(el('span', {}, ['Contact: ', el('span', { className: 'value', text: agency.contact })]));
    return facts.length ? el('p', { className: 'facts meta' }, facts) : null;
  }

  /** Hides fields that do not match, then every type, subgraph and agency left with none (unfiltered, all show). */
  function applyFilter() {
    var needle = byId('filter').value.trim().toLowerCase();
    var personalOnly = byId('personal-only').checked;
    var filtering = Boolean(needle) || personalOnly;
    var visible = new Set();
    var shown = 0;
    state.fieldIndex.forEach(function (entry) {
      var match = (!needle || entry.haystack.indexOf(needle) !== -1) && (!personalOnly || entry.personal);
      entry.item.hidden = !match;
      if (match) {
        shown += 1;
        visible.add(entry.typeNode);
        visible.add(entry.subgraphNode);
        visible.add(entry.agencyNode);
      }
    });
    state.containers.forEach(function (node) {
      node.hidden = filtering && !visible.has(node);
    });
    var noMatch = byId('no-match');
    if (noMatch) noMatch.hidden = shown > 0 || state.fieldIndex.length === 0;
    byId('count').textContent = state.fieldIndex.length ? 'Showing ' + shown + ' of ' + state.fieldIndex.length + ' fields' : '';
  }

  function loadOverview() {
    byId('agencies').setAttribute('aria-busy', 'true');
    return graphql(OVERVIEW_QUERY)
      .then(function (result) {
        var overview = result.data && result.data.lineageOverview;
        showNotice(result.errors.length ? errorBox('The lineage overview came back with errors:', result.errors.map(describeError)) : null);
        if (overview) {
          renderMeta(overview);
          renderOverview(overview);
        } else {
          byId('supergraph-meta').textContent = 'The lineage overview could not be loaded.';
          byId('agencies').setAttribute('aria-busy', 'false');
        }
      })
      .catch(function (error) {
        byId('supergraph-meta').textContent = 'The lineage overview could not be loaded.';
        byId('agencies').setAttribute('aria-busy', 'false');
        showNotice(errorBox('The lineage overview could not be loaded:', [error.message]));
      });
  }

  // ---- the field panel -------------------------------------------------------------------

  function markSelected() {
    state.fieldIndex.forEach(function (entry) {
      var selected = entry.coordinate === state.openCoordinate;
      entry.button.setAttribute('aria-pressed', selected ? 'true' : 'false');
    });
  }

  function definitionList(rows) {
    var list = el('dl', { className: 'facts-list' });
    rows.forEach(function (row) {
      if (!row) return;
      list.appendChild(el('dt', { text: row[0] }));
      list.appendChild(el('dd', {}, [row[1]]));
    });
    return list;
  }

  function sourceRows(source) {
    if (!source) return [['Source', el('span', { className: 'meta', text: 'no @source: not read from a legacy system' })]];
    return [
      ['Legacy system', el('span', { className: 'source-system', text: source.system })],
      ['Operation', el('code', { className: 'source-operation', text: source.operation })],
      ['Legacy field', el('code', { className: 'source-field', text: source.field })],
    ];
  }

  function versionLine(ref) {
    return el('span', { className: 'version-line' }, [
      el('strong', { className: 'version-label', text: versionLabel(ref) }),
      ' · ',
      formatTime(ref.publishedAt),
      ' · ',
      el('span', { className: 'publisher', text: ref.publisher }),
    ]);
  }

  function overrideNote(reason) {
    return reason ? el('p', { className: 'override' }, [el('strong', { text: 'Checks overridden: ' }), el('span', { className: 'override-reason', text: reason })]) : null;
  }

  function renderOwner(owner) {
    return el('li', { className: 'owner' }, [
      definitionList([
        ['Subgraph', el('span', { className: 'owner-subgraph', text: owner.subgraph })],
        ['Agency', el('span', { className: 'owner-agency' }, [owner.agencyTitle + ' ', el('span', { className: 'name', text: owner.agency })])],
      ].concat(sourceRows(owner.source), [
        ['Classification', el('span', {}, [classificationBadge(owner.personalDataCategory), ' ', el('span', { className: 'meta', text: groupLabel(groupOf(owner.personalDataCategory)) })])],
        ['Identity claim', owner.identityClaim ? claimBadge(owner.identityClaim) : el('span', { className: 'meta', text: 'none' })],
      ])),
    ]);
  }

  function renderChange(change) {
    return el('li', { className: 'change criticality-' + change.criticality.toLowerCase() }, [
      el('div', {}, [
        el('span', { className: 'badge criticality', text: change.criticality }),
        ' ',
        el('span', { className: 'meta', text: change.scope + ' · ' + change.changeType }),
      ]),
      el('p', { className: 'change-message', text: change.message }),
      change.coordinate
        ? el('p', { className: 'meta change-at' }, ['at ', el('code', { text: change.coordinate }), change.relation && RELATION_LABELS[change.relation] ? ' (' + RELATION_LABELS[change.relation] + ')' : ''])
        : null,
    ]);
  }

  /**
   * One entry per published version (in the order given, oldest first), its changes inside: a
   * publish usually records several (the subgraph diff, the API diff, the privacy check), and its
   * publisher and override reason belong to the version, not to each change.
   */
  function renderHistory(changes) {
    var groups = [];
    changes.forEach(function (change) {
      var key = change.version.subgraph + '#' + change.version.sequence;
      var last = groups[groups.length - 1];
      if (last && last.key === key) last.changes.push(change);
      else groups.push({ key: key, version: change.version, changes: [change] });
    });
    return el(
      'ol',
      { className: 'versions' },
      groups.map(function (group) {
        return el('li', { className: 'version-group' }, [
          versionLine(group.version),
          overrideNote(group.version.overrideReason),
          el('ul', { className: 'changes' }, group.changes.map(renderChange)),
        ]);
      }),
    );
  }

  function renderField(lineage) {
    var body = byId('panel-body');
    body.textContent = '';
    byId('panel-title').textContent = lineage.coordinate;
    body.appendChild(definitionList([['Type', el('code', { text: lineage.returnType })]]));
    var notes = el('div', { className: 'notes' });
    renderNotes(notes, lineage.notes);
    body.appendChild(notes);

    body.appendChild(el('h3', { text: lineage.owners.length === 1 ? 'Owner' : 'Owners (' + lineage.owners.length + ')' }));
    body.appendChild(el('ul', { className: 'owners' }, lineage.owners.map(renderOwner)));

    var history = el('section', { className: 'history', 'aria-label': 'History' }, [el('h3', { text: 'History' })]);
    if (lineage.introducedIn) {
      history.appendChild(
        el('div', { className: 'introduced' }, [el('span', { className: 'meta', text: 'Introduced in ' }), versionLine(lineage.introducedIn), overrideNote(lineage.introducedIn.overrideReason)]),
      );
    } else {
      history.appendChild(el('p', { className: 'meta', text: 'The registry has no version that introduced this field.' }));
    }
    if (lineage.changes.length) {
      history.appendChild(renderHistory(lineage.changes));
    } else {
      history.appendChild(el('p', { className: 'meta no-changes', text: 'No change since it was introduced.' }));
    }
    body.appendChild(history);
  }

  function openPanel(coordinate, moveFocus) {
    var requestNumber = ++state.openRequest;
    state.openCoordinate = coordinate;
    markSelected();
    var panel = byId('panel');
    var body = byId('panel-body');
    panel.hidden = false;
    byId('panel-title').textContent = coordinate;
    body.textContent = '';
    if (moveFocus) byId('panel-title').focus();
    if (!COORDINATE.test(coordinate)) {
      body.appendChild(errorBox('Not a field coordinate:', ['"' + coordinate + '" is not of the form Type.field (for example Citizen.vehicles).']));
      return Promise.resolve();
    }
    panel.setAttribute('aria-busy', 'true');
    body.appendChild(el('p', { className: 'meta', text: 'Loading…' }));
    return graphql(FIELD_QUERY, { coordinate: coordinate })
      .then(function (result) {
        if (requestNumber !== state.openRequest) return; // a later click won
        body.textContent = '';
        var lineage = result.data && result.data.schemaLineage;
        if (lineage) renderField(lineage);
        if (result.errors.length) body.insertBefore(errorBox('The lineage of ' + coordinate + ' came back with errors:', result.errors.map(describeError)), body.firstChild);
        else if (!lineage) body.appendChild(errorBox('No lineage:', ['The gateway returned no lineage for ' + coordinate + '.']));
      })
      .catch(function (error) {
        if (requestNumber !== state.openRequest) return;
        body.textContent = '';
        body.appendChild(errorBox('The lineage of ' + coordinate + ' could not be loaded:', [error.message]));
      })
      .then(function () {
        if (requestNumber === state.openRequest) panel.setAttribute('aria-busy', 'false');
      });
  }

  function closePanel() {
    var was = state.fieldIndex.filter(function (entry) { return entry.coordinate === state.openCoordinate && !entry.item.hidden; })[0];
    state.openRequest += 1;
    state.openCoordinate = null;
    byId('panel').hidden = true;
    markSelected();
    // Keyboard users land back on the field they opened, not at the top of the page.
    if (was) was.button.focus();
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }

  function coordinateFromHash() {
    var raw = window.location.hash.replace(/^#/, '');
    if (!raw) return null;
    try {
      return decodeURIComponent(raw);
    } catch (ignored) {
      return raw;
    }
  }

  // ---- wiring ----------------------------------------------------------------------------

  function start() {
    if (!classification) {
      showNotice(errorBox('The page is incomplete:', ['/lineage/assets/classification.js did not load.']));
      return;
    }
    state.token = initialToken();
    byId('token').value = state.token;
    renderLegend();

    byId('filter').addEventListener('input', applyFilter);
    byId('personal-only').addEventListener('change', applyFilter);
    byId('panel-close').addEventListener('click', closePanel);
    byId('token-form').addEventListener('submit', function (event) {
      event.preventDefault();
      state.token = byId('token').value.trim();
      loadOverview();
      if (state.openCoordinate) openPanel(state.openCoordinate, false);
    });
    // One click handler for every field button; the address follows, so the view can be shared.
    byId('agencies').addEventListener('click', function (event) {
      var button = event.target.closest('button.field');
      if (!button) return;
      var coordinate = button.getAttribute('data-coordinate');
      if (coordinateFromHash() === coordinate) openPanel(coordinate, true);
      else window.location.hash = coordinate;
    });
    window.addEventListener('hashchange', function () {
      var coordinate = coordinateFromHash();
      if (coordinate) openPanel(coordinate, true);
      else closePanel();
    });

    loadOverview();
    var linked = coordinateFromHash();
    if (linked) openPanel(linked, false);
  }

  start();
})();
