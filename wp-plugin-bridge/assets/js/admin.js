/**
 * Dropship Connect admin script: the "Manage subscription" buttons and the
 * deactivation dialog of plugins.php. The dialog never cancels anything.
 */
( function () {
	'use strict';

	var config = window.dropshipConnect;
	if ( ! config ) {
		return;
	}

	function post( action, nonce, fields ) {
		var body = new URLSearchParams();
		body.append( 'action', action );
		body.append( '_ajax_nonce', nonce );
		Object.keys( fields || {} ).forEach( function ( key ) {
			body.append( key, fields[ key ] );
		} );
		return fetch( config.ajaxUrl, {
			method: 'POST',
			credentials: 'same-origin',
			body: body,
		} ).then( function ( response ) {
			return response.json();
		} );
	}

	function showError( container, message ) {
		if ( container ) {
			container.textContent = message;
		}
	}

	// The tab is opened during the click so pop-up blockers allow it, then pointed at the link.
	function openManageSubscription( errorContainer ) {
		var tab = window.open( '', '_blank' );
		if ( ! tab ) {
			showError( errorContainer, config.i18n.popupBlocked );
			return;
		}
		tab.opener = null;
		post( 'dropship_connect_login_link', config.loginNonce )
			.then( function ( answer ) {
				if ( answer && answer.success && answer.data && answer.data.url ) {
					tab.location.href = answer.data.url;
					return;
				}
				tab.close();
				showError( errorContainer, ( answer && answer.data && answer.data.message ) || config.i18n.loginFailed );
			} )
			.catch( function () {
				tab.close();
				showError( errorContainer, config.i18n.loginFailed );
			} );
	}

	function setUpDialog() {
		var backdrop = document.getElementById( config.dialogId );
		var row = document.querySelector( 'tr[data-plugin="' + config.pluginFile + '"]' );
		var link = row ? row.querySelector( '.deactivate a' ) : null;
		if ( ! backdrop || ! link ) {
			return;
		}
		var dialog = backdrop.querySelector( '[role="dialog"]' );
		var errorBox = backdrop.querySelector( '.dropship-connect-dialog-error' );
		var reason = backdrop.querySelector( '#dropship-connect-reason' );

		function focusable() {
			return Array.prototype.filter.call(
				dialog.querySelectorAll( 'button, textarea, a[href], input, [tabindex]:not([tabindex="-1"])' ),
				function ( el ) {
					return ! el.disabled && el.offsetParent !== null;
				}
			);
		}

		function close() {
			backdrop.hidden = true;
			document.removeEventListener( 'keydown', onKeydown, true );
			link.focus();
		}

		function onKeydown( event ) {
			if ( event.key === 'Escape' ) {
				event.preventDefault();
				close();
				return;
			}
			if ( event.key !== 'Tab' ) {
				return;
			}
			var items = focusable();
			if ( items.length === 0 ) {
				return;
			}
			var first = items[ 0 ];
			var last = items[ items.length - 1 ];
			if ( event.shiftKey && document.activeElement === first ) {
				event.preventDefault();
				last.focus();
			} else if ( ! event.shiftKey && document.activeElement === last ) {
				event.preventDefault();
				first.focus();
			}
		}

		function open( event ) {
			event.preventDefault();
			errorBox.textContent = '';
			backdrop.hidden = false;
			document.addEventListener( 'keydown', onKeydown, true );
			var items = focusable();
			( items[ 0 ] || dialog ).focus();
		}

		function deactivate() {
			var target = link.href;
			var text = reason ? reason.value.trim() : '';
			if ( text === '' ) {
				window.location.href = target;
				return;
			}
			// The reason is stored for the deactivation hook; deactivating must not depend on it.
			post( 'dropship_connect_deactivation_reason', config.reasonNonce, { reason: text } )
				.catch( function () {} )
				.then( function () {
					window.location.href = target;
				} );
		}

		link.addEventListener( 'click', open );
		backdrop.addEventListener( 'click', function ( event ) {
			if ( event.target === backdrop ) {
				close();
			}
		} );
		backdrop.querySelector( '.dropship-connect-cancel' ).addEventListener( 'click', close );
		backdrop.querySelector( '.dropship-connect-confirm' ).addEventListener( 'click', deactivate );
	}

	document.addEventListener( 'DOMContentLoaded', function () {
		setUpDialog();
		document.querySelectorAll( '.dropship-connect-manage' ).forEach( function ( button ) {
			button.addEventListener( 'click', function () {
				var container = button.closest( '.dropship-connect-dialog' );
				var errorBox = container
					? container.querySelector( '.dropship-connect-dialog-error' )
					: document.querySelector( '.dropship-connect-manage-error' );
				openManageSubscription( errorBox );
			} );
		} );
	} );
} )();
